"""Renditions per network: one canonical post adapted to each network it goes to.

:func:`render` turns a post into the items to publish on one network (bilingual
strategies in :mod:`~govsocial.formatting.strategies`, threads in
:mod:`~govsocial.formatting.splitting`, Bluesky facets in
:mod:`~govsocial.formatting.facets`, link in bio in :mod:`~govsocial.formatting.links`,
LinkedIn escaping in :mod:`~govsocial.formatting.escaping`, hashtag caps in
:mod:`~govsocial.formatting.hashtags`, media in :mod:`~govsocial.formatting.media`, the
GS5xx notes in :mod:`~govsocial.formatting.notes`); :func:`check_rendition`
(:mod:`~govsocial.formatting.checking`) checks one of them as a post of its network. docs/formatting.md explains the strategies and policy keys.
"""

from __future__ import annotations

from govsocial.formatting.checking import check_rendition
from govsocial.formatting.notes import RENDER_CODES
from govsocial.formatting.render import render
from govsocial.formatting.rendition import Facet, Rendition

__all__ = ["RENDER_CODES", "Facet", "Rendition", "check_rendition", "render"]
