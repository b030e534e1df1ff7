"""Our tokenizer: spaCy's ``Tokenizer`` with affix rules cut down to what job postings need.

English's default rules are written for every kind of text: hundreds of exceptions
(contractions, abbreviations, emoticons), unit and currency suffixes over the whole of Unicode,
a URL matcher. Our features only need words with their punctuation split off, plus the splits the
segmenter relies on (glued bullets, "campaigns.Manage"). These rules give that at about twice the
speed of the default tokenizer (``make bench`` prints both).

The words of the pillar lexicon and of titles go through the same tokenizer, so matching stays
consistent whatever the rules are.
"""

from __future__ import annotations

import re

from spacy.attrs import IS_PUNCT, IS_SPACE, NORM
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

_LETTER = r"[^\W\d_]"  # any letter, in any script
_OPEN = "\"'“‘«([{<¿¡*•·#$£€¥@&~§+/\\-–—.,:;!?…|"
_CLOSE = "\"'”’»)]}>.,:;!?%*…+/\\-–—|"

# A run of punctuation comes off as one token: spaCy strips affixes one match at a time, each
# time on a copy of the rest, so a prefix of one character makes a run of 100,000 bullets cost
# 100,000 copies of 100,000 characters.
PREFIX = re.compile("^[" + re.escape(_OPEN) + "]+")
SUFFIX = re.compile("(?:['’][sS]|[" + re.escape(_CLOSE) + "]+)$")
# Each rule starts with the character it splits at and looks back after it: a regex whose every
# branch starts with a character class can skip ahead to candidates, one that starts with a
# look-behind tries every position.
INFIXES = (
    r"\.\.+|…",
    r"[+\-*^](?<=[0-9].)(?=[0-9-])",
    rf",(?<={_LETTER},)(?={_LETTER})",
    rf"--(?<=[^\W_]--)(?={_LETTER})",
    rf"[-–—~](?<=[^\W_].)(?={_LETTER})",
    rf"[:<>=/](?<=[^\W_].)(?={_LETTER})",
    r"[)\]](?<=[^\W_].)",  # "routing).Build"
    # Where the segmenter may cut inside what would otherwise be one token.
    r"[.!?;:](?<=[a-z0-9)\]%”\"'’].)(?=[A-Z“\"(])",
    # Text glued to an HTML tag or entity ("livestream.</p>", "<b>**Role", "Dublin&rsquo;s"):
    # its punctuation comes off as it would at a space, and an entity is one token.
    r"[.,;:!?*_\"'”’)\]]+(?=<|&(?:[a-z]{2,8}|#\d{2,5});)",
    r">[*_\"“‘(\[]+",
    r"&(?:[a-z]{2,8}|#\d{2,5});",
    r"[•●▪◦■►➢✓✔❖➤◆○·|<>]",
)
INFIX = re.compile("|".join(INFIXES))
# spaCy caches how it split each whitespace-separated chunk, but (from 3.8 on) only the first
# 10,000 chunks: a few thousand postings hold more, and every chunk left out goes through the
# affix rules again each time. This many take a few MB and make tokenizing about twice as fast.
CACHE_CHUNKS = 100_000


_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem: the lower-case word without one common ending, when at least four letters
    remain ("implementations" and "implementing" -> "implement", "reports" -> "report")."""
    lower = word.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 4:
            return lower[: -len(suffix)]
    return lower


def use_stems(vocab: Vocab) -> None:
    """Make each lexeme's NORM its stem, and nothing (0) for punctuation and white space:
    computed once per word the vocab meets, then read for free with every token
    (``Doc.to_array([NORM])``), one column that tells the words and their stems."""
    getters = vocab.lex_attr_getters  # type: ignore[attr-defined]
    is_punct, is_space = getters[IS_PUNCT], getters[IS_SPACE]

    def word_stem(text: str) -> str:
        return "" if is_punct(text) or is_space(text) else stem(text)

    getters[NORM] = word_stem
    for lexeme in vocab:  # the words spaCy created before the getter was set
        lexeme.norm_ = word_stem(lexeme.orth_)


def build_tokenizer(vocab: Vocab) -> Tokenizer:
    tokenizer = Tokenizer(
        vocab,
        rules={},
        prefix_search=PREFIX.search,
        suffix_search=SUFFIX.search,
        infix_finditer=INFIX.finditer,
    )
    if hasattr(tokenizer, "max_cache_size"):  # spaCy 3.8 on
        tokenizer.max_cache_size = CACHE_CHUNKS
    return tokenizer
