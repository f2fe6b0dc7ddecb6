"""Language-ID and transliteration evaluation on public benchmark data (dev splits only).

Usage::

    python -m evals.langid --benchmarks ../shared/benchmarks --out evals/reports/langid.md

Reads the files from the benchmarks folder at run time (they are never copied into the repo) and
skips with a message, exit code 0, when the folder is absent.  ``run()`` returns the numbers as a
dict for a larger evaluation runner.

What is measured and why:

* 3-way language ID accuracy per class on whole sentences and on their first four words (WhatsApp
  messages are short): English = FLORES-200 eng_Latn dev + Tatoeba eng; Urdu = FLORES-200 urd_Arab
  dev + Tatoeba urd; Roman Urdu = Dakshina ur romanized dev.
* The class shares on the UCI Roman Urdu comments (informal, some rows are English; no gold labels).
* Transliteration at the word level, because retrieval matches tokens: Dakshina dev word pairs, and
  token overlap of ``tokenize(to_urdu_script(roman))`` with ``tokenize(native)`` on Dakshina dev
  sentence pairs (the reverse direction with ``to_roman`` too).
* Speed of ``detect`` (10-word message) and ``tokenize`` (200-word chunk).
"""

from __future__ import annotations

import argparse
import collections
import csv
import importlib
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypedDict

from bot.language import LANGUAGES, Lang, detect, normalize_urdu, to_roman, to_urdu_script, tokenize
from bot.language.normalize import normalize_roman
from bot.language.transliterate import roman_word_to_urdu, urdu_word_to_roman

LANGS = LANGUAGES
TARGETS = {"full": 0.97, "first4": 0.90}
#: Misclassified sentences listed per class in the report.
MISSES_SHOWN = 25

FLORES = "flores200_eng_urd"
TATOEBA = "tatoeba_urd_eng"
DAKSHINA = "dakshina_ur"
UCI = "roman_urdu_uci"


class ClassAccuracy(TypedDict):
    """Language ID on one gold class: the share detected right, the predicted distribution, misses."""

    n: int
    accuracy: float
    predicted: dict[str, float]
    misses: list[tuple[str, Lang]]


class TokenOverlap(TypedDict):
    recall: float
    precision: float
    aligned_word_accuracy: float
    aligned_words: int


class DevLexicon(TypedDict):
    pairs: int
    roman_to_urdu_word_accuracy: float
    urdu_words: int
    urdu_to_roman_exact: float
    urdu_to_roman_key: float


class Transliteration(TypedDict):
    sentences: dict[str, int]
    roman_to_urdu_tokens: TokenOverlap
    urdu_to_roman_tokens: TokenOverlap
    no_transliteration_tokens: TokenOverlap
    dev_lexicon: DevLexicon


class LangidReport(TypedDict):
    """What :func:`run` returns (and :func:`to_markdown` reads)."""

    timing: dict[str, float]
    langid_full: dict[str, ClassAccuracy]
    langid_full_3plus_words: dict[str, ClassAccuracy]
    langid_first4: dict[str, ClassAccuracy]
    uci_shares: dict[str, float | int]
    transliteration: Transliteration
    eval_seconds: float


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def langid_sets(bench: Path) -> dict[str, list[str]]:
    """Gold sentences per class."""
    return {
        "en": _lines(bench / FLORES / "eng_Latn.dev") + _lines(bench / TATOEBA / "tatoeba.urd-eng.eng"),
        "ur": _lines(bench / FLORES / "urd_Arab.dev") + _lines(bench / TATOEBA / "tatoeba.urd-eng.urd"),
        "roman_ur": _lines(bench / DAKSHINA / "ur.romanized.rejoined.dev.roman.txt"),
    }


def first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


def accuracy_by_class(sets: dict[str, list[str]], cut: Callable[[str], str]) -> dict[str, ClassAccuracy]:
    """Per gold class: n, accuracy, the distribution of predicted labels and some misses to read."""
    out: dict[str, ClassAccuracy] = {}
    for gold, sentences in sets.items():
        labels = [detect(cut(s)) for s in sentences]
        predicted: collections.Counter[str] = collections.Counter(labels)
        misses = [(s, label) for s, label in zip(sentences, labels, strict=True) if label != gold]
        out[gold] = {
            "n": len(sentences),
            "accuracy": predicted[gold] / len(sentences),
            "predicted": {lang: predicted[lang] / len(sentences) for lang in LANGS},
            "misses": list(dict.fromkeys(misses))[:MISSES_SHOWN],
        }
    return out


def uci_shares(bench: Path) -> dict[str, float | int]:
    """Share of UCI comments detected as each class (no language gold exists)."""
    with open(bench / UCI / "roman_urdu.csv", encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        texts = [row[0] for row in reader if row and row[0].strip()]
    counts = collections.Counter(detect(t) for t in texts)
    return {"n": len(texts), **{lang: counts[lang] / len(texts) for lang in LANGS}}


def _overlap(pred: list[str], ref: list[str]) -> int:
    return sum((collections.Counter(pred) & collections.Counter(ref)).values())


def token_overlap(pairs: Iterable[tuple[list[str], list[str]]]) -> TokenOverlap:
    """Multiset token recall/precision over all sentence pairs, plus position-wise word accuracy on
    sentence pairs with equal token counts (where words align one to one)."""
    hit = n_pred = n_ref = aligned_hit = aligned_n = 0
    for pred, ref in pairs:
        hit += _overlap(pred, ref)
        n_pred += len(pred)
        n_ref += len(ref)
        if len(pred) == len(ref):
            aligned_hit += sum(p == r for p, r in zip(pred, ref, strict=True))
            aligned_n += len(ref)
    return {
        "recall": hit / max(n_ref, 1),
        "precision": hit / max(n_pred, 1),
        "aligned_word_accuracy": aligned_hit / max(aligned_n, 1),
        "aligned_words": aligned_n,
    }


def transliteration(bench: Path) -> Transliteration:
    """Word- and sentence-level transliteration quality on Dakshina dev."""
    roman_lines = (bench / DAKSHINA / "ur.romanized.rejoined.dev.roman.txt").read_text("utf-8").splitlines()
    native_lines = (bench / DAKSHINA / "ur.romanized.rejoined.dev.native.txt").read_text("utf-8").splitlines()
    pairs = [(r, n) for r, n in zip(roman_lines, native_lines, strict=True) if r.strip() and n.strip()]

    to_urdu = token_overlap((tokenize(to_urdu_script(r)), tokenize(n)) for r, n in pairs)
    to_latin = token_overlap((tokenize(to_roman(n)), tokenize(r)) for r, n in pairs)
    # Reference point: tokens shared without any transliteration (numbers, Latin words in Urdu text).
    untouched = token_overlap((tokenize(r), tokenize(n)) for r, n in pairs)

    spellings: dict[str, set[str]] = collections.defaultdict(set)
    word_pairs = []
    for line in _lines(bench / DAKSHINA / "ur.translit.sampled.dev.tsv"):
        native, roman, _count = line.split("\t")
        native = normalize_urdu(native)
        spellings[native].add(roman.lower())
        word_pairs.append((native, roman.lower()))
    word_hits = sum(roman_word_to_urdu(r) == n for n, r in word_pairs)
    roman_hits = roman_key_hits = 0
    for native, romans in spellings.items():
        out = urdu_word_to_roman(native)
        roman_hits += out in romans
        roman_key_hits += normalize_roman(out) in {normalize_roman(r) for r in romans}
    return {
        "sentences": {"n": len(pairs)},
        "roman_to_urdu_tokens": to_urdu,
        "urdu_to_roman_tokens": to_latin,
        "no_transliteration_tokens": untouched,
        "dev_lexicon": {
            "pairs": len(word_pairs),
            "roman_to_urdu_word_accuracy": word_hits / len(word_pairs),
            "urdu_words": len(spellings),
            "urdu_to_roman_exact": roman_hits / len(spellings),
            "urdu_to_roman_key": roman_key_hits / len(spellings),
        },
    }


TIMING_MESSAGE = "assalam o alaikum mujhe karachi mein software park ki rent subsidy batayen"
TIMING_CHUNK_WORDS = (
    "The Software Technology Park in Islamabad offers plug and play office space "
    "کراچی میں سافٹ ویئر ٹیکنالوجی پارک کی عمارت ۲۰۲۴ میں مکمل ہوئی"
)


def _clear_language_caches() -> None:
    """Forget loaded data so the first-call (loading) cost can be measured."""
    detect_mod = importlib.import_module("bot.language.detect")  # the package re-exports detect()
    norm_mod = importlib.import_module("bot.language.normalize")
    tr_mod = importlib.import_module("bot.language.transliterate")

    for fn in (
        norm_mod.word_logprobs,
        norm_mod.normalize_roman,
        norm_mod.roman_key,
        detect_mod._char_tables,
        detect_mod._word_evidence,
        tr_mod._roman_lexicon,
        tr_mod._urdu_lexicon,
        tr_mod._graphone_model,
        tr_mod.roman_word_to_urdu,
        tr_mod.urdu_word_to_roman,
        tr_mod._decode_roman,
    ):
        fn.cache_clear()


def _forget_word_caches() -> None:
    """Drop per-word memos (not the data) to time words seen for the first time."""
    detect_mod = importlib.import_module("bot.language.detect")
    norm_mod = importlib.import_module("bot.language.normalize")

    detect_mod._word_evidence.cache_clear()
    norm_mod.normalize_roman.cache_clear()
    norm_mod.roman_key.cache_clear()


def timing() -> dict[str, float]:
    """Data loading time, then median microseconds per warm call."""
    _clear_language_caches()
    start = time.perf_counter()
    detect("warm up the model kya haal hai")
    tokenize("warm up")
    load_langid_s = time.perf_counter() - start
    start = time.perf_counter()
    to_urdu_script("warm up zarkhezistan")
    to_roman("زرخیزستان")
    load_translit_s = time.perf_counter() - start
    words = TIMING_CHUNK_WORDS.split()
    chunk = " ".join(words[i % len(words)] for i in range(200))

    def median_us(fn: Callable[[], object], reps: int = 300, setup: Callable[[], object] | None = None) -> float:
        samples = []
        for _ in range(reps):
            if setup:
                setup()
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1e6)
        return statistics.median(samples)

    return {
        "load_detect_tokenize_s": load_langid_s,
        "load_transliteration_s": load_translit_s,
        "detect_11_words_us": median_us(lambda: detect(TIMING_MESSAGE)),
        "detect_11_words_cold_us": median_us(lambda: detect(TIMING_MESSAGE), setup=_forget_word_caches),
        "tokenize_200_words_us": median_us(lambda: tokenize(chunk)),
        "tokenize_200_words_cold_us": median_us(lambda: tokenize(chunk), setup=_forget_word_caches),
    }


def run(benchmarks_dir: Path) -> LangidReport:
    """All language-layer numbers as a dict (see module docstring)."""
    bench = Path(benchmarks_dir)
    sets = langid_sets(bench)
    started = time.perf_counter()
    result = LangidReport(
        timing=timing(),
        langid_full=accuracy_by_class(sets, lambda s: s),
        langid_full_3plus_words=accuracy_by_class(
            {k: [s for s in v if len(s.split()) >= 3] for k, v in sets.items()}, lambda s: s
        ),
        langid_first4=accuracy_by_class(sets, first_words),
        uci_shares=uci_shares(bench),
        transliteration=transliteration(bench),
        eval_seconds=0.0,
    )
    result["eval_seconds"] = time.perf_counter() - started
    return result


def to_markdown(result: LangidReport) -> str:
    """Human-readable report of :func:`run`'s numbers."""
    lines = ["# Language layer evaluation", "", "## Language ID (3-way accuracy per gold class)", ""]
    lines += [
        "| gold class | n | whole sentence | first 4 words | whole, lines of 3+ words (n) |"
        " whole: predicted en/ur/roman_ur |",
        "|---|---|---|---|---|---|",
    ]
    for lang in LANGS:
        full, cut = result["langid_full"][lang], result["langid_first4"][lang]
        long = result["langid_full_3plus_words"][lang]
        dist = "/".join(f"{full['predicted'][x]:.3f}" for x in LANGS)
        lines.append(
            f"| {lang} | {full['n']} | {full['accuracy']:.3f} | {cut['accuracy']:.3f} |"
            f" {long['accuracy']:.3f} ({long['n']}) | {dist} |"
        )
    lines += ["", f"Targets: whole >= {TARGETS['full']}, first four words >= {TARGETS['first4']} per class.", ""]
    for lang in LANGS:
        misses = result["langid_full"][lang].get("misses", [])
        if misses:  # read them: a "miss" may be a name or an English phrase that no script can settle
            lines.append(f"Whole-sentence misses for {lang} (the first {len(misses)} distinct): "
                         + "; ".join(f"`{text}` -> {label}" for text, label in misses))
            lines.append("")
    uci = result["uci_shares"]
    lines += [
        "## UCI Roman Urdu comments (no language gold; some rows are English)",
        "",
        "| n | roman_ur | en | ur |",
        "|---|---|---|---|",
        f"| {uci['n']} | {uci['roman_ur']:.3f} | {uci['en']:.3f} | {uci['ur']:.3f} |",
        "",
    ]
    tr = result["transliteration"]
    lines += [
        "## Transliteration (Dakshina dev)",
        "",
        f"Sentence pairs: {tr['sentences']['n']}. Tokens compared after `tokenize` on both sides.",
        "",
        "| direction | token recall | token precision | word accuracy (equal-length pairs) |",
        "|---|---|---|---|",
    ]
    for label, m in (
        ("roman -> to_urdu_script vs native", tr["roman_to_urdu_tokens"]),
        ("native -> to_roman vs roman", tr["urdu_to_roman_tokens"]),
        ("no transliteration (reference)", tr["no_transliteration_tokens"]),
    ):
        lines.append(f"| {label} | {m['recall']:.3f} | {m['precision']:.3f} | {m['aligned_word_accuracy']:.3f} |")
    lex = tr["dev_lexicon"]
    lines += [
        "",
        "| dev word lexicon | value |",
        "|---|---|",
        f"| roman -> Urdu word accuracy ({lex['pairs']} pairs) | {lex['roman_to_urdu_word_accuracy']:.3f} |",
        f"| Urdu -> roman, exact attested spelling ({lex['urdu_words']} words) | {lex['urdu_to_roman_exact']:.3f} |",
        f"| Urdu -> roman, same normalize_roman key as an attested spelling | {lex['urdu_to_roman_key']:.3f} |",
        "",
    ]
    t = result["timing"]
    lines += [
        "## Speed (median per call, warm)",
        "",
        "| call | value |",
        "|---|---|",
        f"| detect, 11-word message | {t['detect_11_words_us']:.0f} µs |",
        f"| detect, same message, per-word memo cleared | {t['detect_11_words_cold_us']:.0f} µs |",
        f"| tokenize, 200-word chunk | {t['tokenize_200_words_us']:.0f} µs |",
        f"| tokenize, same chunk, per-word memo cleared | {t['tokenize_200_words_cold_us']:.0f} µs |",
        f"| first detect + tokenize (loads word tables) | {t['load_detect_tokenize_s']:.2f} s |",
        f"| first transliteration (loads lexicons + graphone model) | {t['load_transliteration_s']:.2f} s |",
        "",
        f"Evaluation took {result['eval_seconds']:.0f} s.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Language ID + transliteration evaluation")
    ap.add_argument("--benchmarks", type=Path, default=Path("../shared/benchmarks"))
    ap.add_argument("--out", type=Path, help="write the Markdown report here")
    args = ap.parse_args(argv)
    if not (args.benchmarks / DAKSHINA).is_dir():
        print(f"benchmarks folder {args.benchmarks} not found: language evaluation skipped")
        return 0
    report = to_markdown(run(args.benchmarks))
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
