"""X (Twitter) counting, exactly as the reference implementation counts.

X counts a post with twitter-text's v3 rules: the text is NFC-normalised; every URL
(with or without a scheme, when its domain ends in a known TLD) weighs 23
characters; every emoji sequence X recognises weighs 2; every other code point
weighs 1 inside a few ranges (Latin, Greek, Cyrillic, Arabic, Indic …, general
punctuation) and 2 outside (CJK, €, …, most symbols).  U+FFFE, U+FEFF and U+FFFF
make a post invalid.

The reference is the official JavaScript implementation (npm ``twitter-text``
3.1.0 with ``twemoji-parser`` 11.0.2).  Where the Python port
``twitter-text-parser`` differs from it (ZWJ sequences newer than its emoji table
such as 🧑‍🤝‍🧑, CRLF counted as two characters), this module follows the reference.
The emoji set and TLD lists are data measured from the reference
(``data/networks/twitter_*.txt``, see ``scripts/gen_twitter_data.py``); the
grammar of URLs is written here from its documented behaviour.

Offsets: :func:`extract_urls` and :func:`extract_emoji` return Python string
indices (code points) into the text *as given*; the ``*_range_*`` fields of
:class:`TweetParse` are UTF-16 indices, as the reference reports them.
"""

from govsocial.networks.twitter.config import V1, V2, V3, TweetParse, TwitterConfig
from govsocial.networks.twitter.emoji import extract_emoji
from govsocial.networks.twitter.urls import extract_urls, split_scheme
from govsocial.networks.twitter.weights import parse_tweet, weighted_length

__all__ = [
    "V1",
    "V2",
    "V3",
    "TweetParse",
    "TwitterConfig",
    "extract_emoji",
    "extract_urls",
    "split_scheme",
    "parse_tweet",
    "weighted_length",
]
