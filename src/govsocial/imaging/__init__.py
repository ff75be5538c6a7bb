"""Images and videos: safe inspection, the networks' media facts applied, the logo and the palette.

Pillow and numpy are imported on first use (``pip install 'govsocial[images]'``); video
inspection reads container headers in pure Python and needs no extra.
"""

from govsocial.imaging.inspect import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PIXELS,
    FORMATS,
    ImageInfo,
    ImageSource,
    inspect_image,
    open_image,
)
from govsocial.imaging.logo import CORNERS, LogoMatch, locate_logo
from govsocial.imaging.video import (
    DEFAULT_MAX_VIDEO_BYTES,
    VIDEO_FORMATS,
    VideoInfo,
    VideoSource,
    inspect_video,
)

__all__ = [
    "CORNERS",
    "LogoMatch",
    "locate_logo",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PIXELS",
    "FORMATS",
    "ImageInfo",
    "ImageSource",
    "inspect_image",
    "open_image",
    "DEFAULT_MAX_VIDEO_BYTES",
    "VIDEO_FORMATS",
    "VideoInfo",
    "VideoSource",
    "inspect_video",
]
