#!/bin/sh
# Generate the example videos of examples/media/ with ffmpeg (solid colour and silence:
# no third-party material; licence: the repository's, Apache-2.0). The committed files
# were made with ffmpeg 7 (the binary of the imageio-ffmpeg 0.8.1 wheel):
#   python -m venv /tmp/ff && /tmp/ff/bin/pip install imageio-ffmpeg
#   FFMPEG=$(/tmp/ff/bin/python -c "import imageio_ffmpeg; print(imageio_ffmpeg.get_ffmpeg_exe())") sh make_videos.sh
# tests/test_video.py holds what ffmpeg said of each file (size, duration, rotation,
# tracks) and checks govsocial.inspect_video reads the same.
set -eu
cd "$(dirname "$0")"
FF="${FFMPEG:-ffmpeg} -y -hide_banner -loglevel error"
C="color=c=0x1f6fb2"
printf 'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nFesta major a la plaça.\n' > /tmp/sub.vtt
$FF -f lavfi -i "$C:size=1080x1920:rate=30:duration=6" -f lavfi -i "anullsrc=r=48000:cl=stereo" -shortest \
    -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p -c:a aac -b:a 16k -movflags +faststart reel-1080x1920.mp4
$FF -f lavfi -i "$C:size=1920x1080:rate=25:duration=4" -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p \
    video-1920x1080-moov-end.mp4
$FF -display_rotation -90 -i video-1920x1080-moov-end.mp4 -c copy -movflags +faststart phone-rotated.mov
$FF -f lavfi -i "$C:size=640x360:rate=2:duration=150" -c:v libx264 -preset veryfast -crf 51 -pix_fmt yuv420p \
    -movflags +faststart video-150s.mp4
$FF -f lavfi -i "$C:size=720x1280:rate=30:duration=4" -c:v libvpx -b:v 20k -deadline realtime reel-720x1280.webm
$FF -i reel-1080x1920.mp4 -i /tmp/sub.vtt -map 0 -map 1 -c copy -c:s mov_text -metadata:s:s:0 language=cat \
    -movflags +faststart reel-captioned.mp4
$FF -f lavfi -i "$C:size=320x240:rate=10:duration=3" -c:v mpeg4 -q:v 31 video-320x240.avi
$FF -i reel-1080x1920.mp4 -c copy -movflags frag_keyframe+empty_moov reel-fragmented.mp4
