"""Language layer of parkbot: detect English / Urdu script / Roman Urdu, normalise, tokenise for
BM25, and transliterate between Roman Urdu and Urdu script.

All data files live in ``bot/language/data`` (built by ``tools/build_language_data.py``) and are
loaded lazily, once, on first use.
"""

from .detect import LANGS as LANGUAGES
from .detect import Lang, detect, detect_scores, from_app_language, in_conversation
from .normalize import ngrams, normalize_roman, normalize_urdu, tokenize
from .transliterate import preload, to_roman, to_urdu_script

__all__ = [
    "LANGUAGES",
    "Lang",
    "detect",
    "detect_scores",
    "from_app_language",
    "in_conversation",
    "ngrams",
    "normalize_roman",
    "normalize_urdu",
    "preload",
    "to_roman",
    "to_urdu_script",
    "tokenize",
]
