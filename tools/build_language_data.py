"""(Re)build the data files of ``bot/language/data`` from public word lists.

Usage::

    python tools/build_language_data.py ../shared/benchmarks            # rebuild all data files
    python tools/build_language_data.py ../shared/benchmarks --measure-keys  # justify ROMAN_KEY_RULES

Inputs (nothing else is read):

* ``dakshina_ur/ur.translit.sampled.train.tsv`` -- the TRAIN split of the Dakshina Urdu word
  transliteration lexicon (``native<TAB>roman<TAB>count``; Roark et al., LREC 2020; CC BY-SA 4.0).
  Dev/test files are never read here: they are for evaluation only.
* the ``wordfreq`` package (English and Urdu word frequencies; data CC BY-SA 4.0).  It is needed only
  to build, not at run time.

Outputs (all gzipped TSV or packed floats, CC BY-SA 4.0, see ``data/LICENSE.md``):

* ``words.tsv.gz``      Latin word -> log P(word|English), log P(word|Roman Urdu) (language ID)
* ``charlm.bin.gz``     letter-trigram models of English and Roman Urdu words (language ID of
  unknown words)
* ``roman2urdu.tsv.gz`` Roman spelling key / exact spelling -> most likely Urdu-script word
* ``urdu_words.tsv.gz`` Urdu word -> most common Roman spelling, log frequency (to_roman, reranking)
* ``graphones.tsv.gz``  joint-sequence (graphone) trigram model aligning Roman letter chunks with
  Urdu letters, for words missing from the lexicon
"""

from __future__ import annotations

import argparse
import array
import collections
import gzip
import math
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.language.normalize import (  # noqa: E402
    CHAT_SPELLINGS,
    DATA_DIR,
    ROMAN_KEY_RULES,
    normalize_urdu,
    roman_key,
)

TRAIN_FILE = Path("dakshina_ur") / "ur.translit.sampled.train.tsv"

N_ENGLISH = 40_000  # English word types kept (covers ~95% of English running text)
RU_KNOWN_MASS = 0.85  # share of Roman Urdu running words expected to be in our spelling list
CHAT_SHARE = 0.5  # probability of a chat abbreviation relative to its full spelling
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
BOUNDARY = 26  # index of the word-boundary symbol in the letter-trigram tables
MAX_ROMAN_CHUNK, MAX_NATIVE_CHUNK = 3, 2
MIN_NGRAM_COUNT = 2  # graphone bigrams/trigrams seen once are pruned (model size)

Row = tuple[str, str, int]  # native (normalised), roman (lowercase), count

#: Hand-written common Urdu words and their usual Roman spellings (first = most common).  Why: the
#: Dakshina TRAIN lexicon is a random sample of Wikipedia words and misses some of the most frequent
#: function and chat words (سے, گا, بات, رہا, اپنا ...), which matter most for language ID and for
#: transliterating WhatsApp queries.  Written for this project, not taken from any data set.
SUPPLEMENT: dict[str, tuple[str, ...]] = {
    "سے": ("se", "say", "sey", "sy"),
    "گا": ("ga", "gaa"),
    "گی": ("gi", "gee"),
    "گے": ("ge", "gay", "gey"),
    "بات": ("baat", "bat", "bt"),
    "رہا": ("raha", "rha"),
    "رہی": ("rahi", "rhi"),
    "رہے": ("rahe", "rahay", "rhe"),
    "ہوتا": ("hota",),
    "ہوتی": ("hoti",),
    "ہوتے": ("hote", "hotay"),
    "ہمارا": ("hamara",),
    "ہماری": ("hamari",),
    "ہمارے": ("hamare", "hamaray"),
    "والا": ("wala", "waala"),
    "والی": ("wali", "waali"),
    "والے": ("wale", "walay", "waale"),
    "شروع": ("shuru", "shuroo", "shoro"),
    "موجود": ("mojood", "maujood", "mojud"),
    "اپنا": ("apna",),
    "اپنی": ("apni",),
    "اپنے": ("apne", "apnay"),
    "ایسا": ("aisa", "esa"),
    "ایسی": ("aisi", "esi"),
    "ایسے": ("aise", "aisay", "esay"),
    "جاتا": ("jata", "jaata"),
    "جاتی": ("jati", "jaati"),
    "جاتے": ("jate", "jatay", "jaate"),
    "ضرورت": ("zaroorat", "zarurat", "zarorat"),
    "پانی": ("pani", "paani"),
    "چار": ("char", "chaar"),
    "روز": ("roz",),
    "قانون": ("qanoon", "qanun", "kanoon"),
    "مدد": ("madad",),
    "حکومت": ("hukumat", "hakumat", "hakoomat"),
    "خان": ("khan",),
    "عدالت": ("adalat",),
    "ہے": ("hai", "hay", "he", "hy"),
    "ہیں": ("hain", "hen", "hn"),
    "نہیں": ("nahi", "nahin", "nai", "nhi"),
    "کیا": ("kya", "kia"),
    "میں": ("mein", "main", "me", "mai"),
    "مجھے": ("mujhe", "mujhay", "mje", "muje"),
    "کہاں": ("kahan", "kahaan", "kahn"),
    "کیسے": ("kaise", "kese", "kaisay"),
    "کون": ("kon", "kaun"),
    "کیوں": ("kyun", "kyon", "kiun"),
    "کب": ("kab",),
    "کتنا": ("kitna",),
    "کتنی": ("kitni",),
    "کتنے": ("kitne", "kitnay"),
    "بتائیں": ("bataen", "bataein", "batayen", "batain"),
    "بتاؤ": ("batao", "bataao"),
    "چاہیے": ("chahiye", "chahye", "chahiay", "chahie"),
    "شکریہ": ("shukriya", "shukria"),
    "سلام": ("salam", "salaam"),
    "جی": ("ji", "jee"),
    "ہاں": ("haan", "han"),
    "ٹھیک": ("theek", "thik", "theak"),
    "اچھا": ("acha", "achha", "accha"),
    "لیے": ("liye", "liay", "lye", "lie"),
    "کرایہ": ("kiraya", "kiraaya"),
    "دفتر": ("daftar", "dftr"),
    "خواتین": ("khawateen", "khwateen", "khawatin"),
    "کوئی": ("koi", "koee"),
    "یہاں": ("yahan", "yahaan"),
    "وہاں": ("wahan", "wahaan"),
    "آپ": ("aap", "ap"),
    "بھائی": ("bhai", "bhaai"),
    "پتہ": ("pata", "pta"),
    # most frequent function words whose usual chat spellings the TRAIN sample lacks
    "نے": ("ne", "nay", "ney"),
    "و": ("o", "wa"),
    "وہ": ("wo", "woh", "vo", "voh"),
    "تھا": ("tha", "thaa"),
    "تھی": ("thi", "thee"),
    "تھے": ("thay", "the", "thy"),
    "یہ": ("ye", "yeh", "yah"),
    "اور": ("aur", "orr"),
    "کہ": ("keh", "kay"),
    "کو": ("ko", "ku"),
    "پر": ("par", "pe", "per", "pr"),
    "بھی": ("bhi", "bhee", "bi"),
    "تو": ("to", "tou"),
    "ہی": ("hi", "hee"),
    "ہو": ("ho",),
    "ہوا": ("hua", "huwa", "howa"),
    "ہوئی": ("hui", "hoi", "huee"),
    "ہوئے": ("hue", "huay", "huwe", "hoye"),
    "گیا": ("gaya", "gya"),
    "گئی": ("gayi", "gai", "gaee"),
    "گئے": ("gaye", "gae"),
    "کر": ("kar", "kr"),
    "کرنا": ("karna", "krna"),
    "کرتے": ("karte", "kartay", "krte"),
    "کی": ("ki", "kee"),
    "کا": ("ka", "kaa"),
    "کے": ("ke", "kay", "k"),
    "جو": ("jo",),
    "جب": ("jab",),
    "تک": ("tak", "tk"),
    "لیکن": ("lekin", "lakin", "laikin"),
    "اگر": ("agar", "agr"),
    "یا": ("ya", "yaa"),
    "نہ": ("na", "naa"),
    "سب": ("sab", "sb"),
    "ایک": ("aik", "ek", "ik"),
    "ساتھ": ("sath", "saath"),
    "بعد": ("baad", "bad"),
    "پہلے": ("pehle", "pehlay", "pahle"),
    "اب": ("ab",),
    "پھر": ("phir", "fir", "phr"),
    "کچھ": ("kuch", "kuchh", "kch"),
    "بہت": ("bahut", "bohat", "bohot", "bht"),
    "سکتا": ("sakta", "skta"),
    "سکتی": ("sakti", "skti"),
    "سکتے": ("sakte", "saktay", "skte"),
    "دیا": ("diya", "dia"),
    "دی": ("di", "dee"),
    "دے": ("de", "day", "dey"),
    "لیا": ("liya", "lia"),
    "ہم": ("hum", "ham"),
    "تم": ("tum",),
    "میرا": ("mera",),
    "میری": ("meri",),
    "میرے": ("mere", "meray"),
    "ہمیں": ("hamein", "humein", "hamen"),
    "جس": ("jis",),
    "کس": ("kis",),
    "کسی": ("kisi",),
    "صرف": ("sirf", "srf"),
    "سال": ("saal", "sal"),
    "دن": ("din",),
    "وقت": ("waqt", "wakt"),
    "لوگ": ("log",),
    "کام": ("kaam", "kam"),
    "پیسے": ("paise", "pese", "paisay"),
    "روپے": ("rupay", "rupe", "rupaye"),
    "معلومات": ("maloomat", "malumat"),
    "درخواست": ("darkhwast", "darkhast"),
    "رابطہ": ("rabta", "raabta"),
    "نمبر": ("number", "nambar"),
}

#: Urdu "words" of one letter that are real words; other single letters in wordfreq are mostly
#: tokenisation debris (ؤ, ے) and must not outweigh real words in the lexicon.
ONE_LETTER_WORDS = {"و", "ء", "آ"}


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------


def load_train(benchmarks: Path) -> list[Row]:
    """Dakshina TRAIN word pairs with normalised Urdu and plain-letter Roman spellings."""
    rows: list[Row] = []
    with open(benchmarks / TRAIN_FILE, encoding="utf-8") as fh:
        for line in fh:
            native, roman, count = line.rstrip("\n").split("\t")
            roman = roman.lower()
            if roman.isascii() and roman.isalpha():
                rows.append((normalize_urdu(native), roman, int(count)))
    return rows


def supplement_rows() -> list[Row]:
    """The hand-written SUPPLEMENT as lexicon rows (first spelling counted twice)."""
    return [
        (native, roman, 2 if k == 0 else 1)
        for native, spellings in SUPPLEMENT.items()
        for k, roman in enumerate(spellings)
    ]


def urdu_frequencies() -> dict[str, float]:
    """wordfreq Urdu word frequencies after our Urdu normalisation (variants summed)."""
    import wordfreq

    freqs: dict[str, float] = collections.defaultdict(float)
    for word, freq in wordfreq.get_frequency_dict("ur").items():
        word = normalize_urdu(word)
        if len(word) > 1 or word in ONE_LETTER_WORDS:
            freqs[word] += freq
    return dict(freqs)


def english_frequencies(n: int = N_ENGLISH) -> dict[str, float]:
    """The n most frequent plain-letter English words from wordfreq."""
    import wordfreq

    out: dict[str, float] = {}
    for word in wordfreq.top_n_list("en", n * 2):
        if word.isascii() and word.isalpha():
            out[word] = wordfreq.word_frequency(word, "en")
            if len(out) >= n:
                break
    return out


# --------------------------------------------------------------------------------------------------
# Language ID tables
# --------------------------------------------------------------------------------------------------


def urdu_weight(urf: dict[str, float]) -> collections.abc.Callable[[str], float]:
    """Frequency of an Urdu word, with a floor below wordfreq's rarest word for words it lacks."""
    floor = min(urf.values()) / 3
    return lambda native: urf.get(native, floor)


def roman_distribution(rows: list[Row], urf: dict[str, float]) -> dict[str, float]:
    """P(spelling | Roman Urdu text) = sum over Urdu words of P(word) * P(spelling | word).

    Why: Dakshina counts say how annotators spell each word, wordfreq says how often the word is
    used; together they give a usage-weighted Roman spelling distribution without any Roman corpus.
    Hand-listed chat abbreviations get a share of their full spelling's probability.
    """
    weight = urdu_weight(urf)
    per_native: dict[str, int] = collections.Counter()
    for native, _, count in rows:
        per_native[native] += count
    dist: dict[str, float] = collections.defaultdict(float)
    for native, roman, count in rows:
        dist[roman] += weight(native) * count / per_native[native]
    for short, full in CHAT_SPELLINGS.items():
        if short != full and full in dist:
            dist[short] = max(dist[short], CHAT_SHARE * dist[full])
    total = sum(dist.values())
    return {w: RU_KNOWN_MASS * p / total for w, p in dist.items()}


def letter_trigram_model(words: Iterable[str]) -> array.array:
    """Dense Witten-Bell-interpolated letter-trigram log-probabilities, 27**3 floats.

    Trained on word types (not tokens) because it only scores words missing from the word lists,
    which look like rare types, not like frequent tokens.
    """
    size = len(ALPHABET) + 1
    tri = collections.Counter()
    for word in words:
        codes = [BOUNDARY, BOUNDARY] + [ord(c) - 97 for c in word] + [BOUNDARY]
        for i in range(2, len(codes)):
            tri[(codes[i - 2], codes[i - 1], codes[i])] += 1
    bi: collections.Counter = collections.Counter()
    uni: collections.Counter = collections.Counter()
    for (_, b, c), n in tri.items():
        bi[(b, c)] += n
        uni[c] += n

    def ctx_stats(counter: collections.Counter, ctx_len: int) -> dict[tuple, tuple[int, int]]:
        stats: dict[tuple, list[int]] = collections.defaultdict(lambda: [0, 0])
        for key, n in counter.items():
            s = stats[key[:ctx_len]]
            s[0] += n
            s[1] += 1
        return {k: (t, v) for k, (t, v) in stats.items()}

    bi_ctx, tri_ctx = ctx_stats(bi, 1), ctx_stats(tri, 2)
    total_uni = sum(uni.values())
    table = array.array("f", [0.0]) * size**3
    for a in range(size):
        for b in range(size):
            for c in range(size):
                p = (uni[c] + 1) / (total_uni + size)
                t, v = bi_ctx.get((b,), (0, 0))
                if t:
                    p = (bi[(b, c)] + v * p) / (t + v)
                t, v = tri_ctx.get((a, b), (0, 0))
                if t:
                    p = (tri[(a, b, c)] + v * p) / (t + v)
                table[(a * size + b) * size + c] = math.log(p)
    return table


def write_langid(out: Path, english: dict[str, float], roman: dict[str, float]) -> None:
    """Write words.tsv.gz and charlm.bin.gz."""
    lines = []
    for word in sorted(set(english) | set(roman)):
        en = f"{math.log(english[word]):.2f}" if word in english else ""
        ru = f"{math.log(roman[word]):.2f}" if word in roman else ""
        lines.append(f"{word}\t{en}\t{ru}\n")
    write_gz_text(out / "words.tsv.gz", lines)
    tables = letter_trigram_model(english) + letter_trigram_model(roman)
    with gzip.GzipFile(out / "charlm.bin.gz", "wb", mtime=0) as fh:
        fh.write(tables.tobytes())


# --------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------


def best_by(scores: dict[str, dict[str, float]]) -> dict[str, str]:
    """For each key, the candidate with the highest score (ties: shorter, then alphabetical)."""
    return {key: min(cands.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for key, cands in scores.items()}


def roman_to_urdu_tables(rows: list[Row], urf: dict[str, float]) -> tuple[dict, dict]:
    """Exact spelling -> Urdu word and spelling key -> Urdu word, each by P(word) * P(spelling|word)."""
    weight = urdu_weight(urf)
    per_native: dict[str, int] = collections.Counter()
    for native, _, count in rows:
        per_native[native] += count
    exact: dict[str, dict[str, float]] = collections.defaultdict(dict)
    keyed: dict[str, dict[str, float]] = collections.defaultdict(lambda: collections.defaultdict(float))
    for native, roman, count in rows:
        score = weight(native) * count / per_native[native]
        exact[roman][native] = exact[roman].get(native, 0.0) + score
        keyed[roman_key(roman)][native] += score
    return best_by(exact), best_by(keyed)


def write_lexicons(out: Path, rows: list[Row], urf: dict[str, float]) -> None:
    """Write roman2urdu.tsv.gz and urdu_words.tsv.gz."""
    exact, keyed = roman_to_urdu_tables(rows, urf)
    lines = [f"k\t{key}\t{native}\n" for key, native in sorted(keyed.items())]
    lines += [
        f"x\t{roman}\t{native}\n"
        for roman, native in sorted(exact.items())
        # a hand-listed chat abbreviation (men -> main) must reach its full spelling's word
        if keyed.get(roman_key(roman)) != native and CHAT_SPELLINGS.get(roman, roman) == roman
    ]
    write_gz_text(out / "roman2urdu.tsv.gz", lines)

    spellings: dict[str, dict[str, float]] = collections.defaultdict(dict)
    for native, roman, count in rows:
        spellings[native][roman] = spellings[native].get(roman, 0) + count
    best_roman = best_by(spellings)
    floor = math.log(min(urf.values()) / 3)
    lines = []
    for native in sorted(set(best_roman) | set(urf)):
        logf = math.log(urf[native]) if native in urf else floor
        lines.append(f"{native}\t{best_roman.get(native, '')}\t{logf:.2f}\n")
    write_gz_text(out / "urdu_words.tsv.gz", lines)


# --------------------------------------------------------------------------------------------------
# Graphone (joint-sequence) model for unknown words
# --------------------------------------------------------------------------------------------------

Graphone = tuple[str, str]


def chunk_shapes(roman: str, native: str, i: int, j: int) -> Iterable[tuple[int, int]]:
    """Allowed (roman length, native length) steps from position (i, j).

    Roman chunks of 0-3 letters pair with 0-2 Urdu letters; an empty Roman side may only cover one
    Urdu letter (silent letters such as ع), an empty Urdu side covers unwritten short vowels.
    """
    for a in range(MAX_ROMAN_CHUNK + 1):
        for b in range(MAX_NATIVE_CHUNK + 1):
            if (a == 0 and b != 1) or i + a > len(roman) or j + b > len(native):
                continue
            yield a, b


def viterbi_align(roman: str, native: str, logp) -> list[Graphone] | None:
    """Best segmentation of a word pair into graphones under unigram log-probabilities ``logp``."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int, Graphone] | None]] = {(0, 0): (0.0, None)}
    for i in range(len(roman) + 1):
        for j in range(len(native) + 1):
            here = best.get((i, j))
            if here is None:
                continue
            for a, b in chunk_shapes(roman, native, i, j):
                g = (roman[i : i + a], native[j : j + b])
                lp = logp(g, a, b)
                if lp is None:
                    continue
                score = here[0] + lp
                nxt = (i + a, j + b)
                if nxt not in best or best[nxt][0] < score:
                    best[nxt] = (score, (i, j, g))
    end = (len(roman), len(native))
    if end not in best:
        return None
    seq: list[Graphone] = []
    while end != (0, 0):
        _, back = best[end]
        i, j, g = back  # type: ignore[misc]
        seq.append(g)
        end = (i, j)
    return seq[::-1]


def train_alignment(rows: list[Row], iterations: int = 4) -> list[tuple[list[Graphone], int]]:
    """Hard-EM graphone alignment of all TRAIN pairs; returns the final aligned sequences."""

    def prior(g: Graphone, a: int, b: int) -> float:
        # First pass: prefer 1-2 letter chunks on one Urdu letter, tolerate the rest.
        return 0.0 if (a in (1, 2) and b == 1) else math.log(0.3 if a == 0 or b == 0 else 0.5)

    logp = prior
    aligned: list[tuple[list[Graphone], int]] = []
    for it in range(iterations):
        counts: collections.Counter = collections.Counter()
        aligned = []
        for native, roman, count in rows:
            seq = viterbi_align(roman, native, logp)
            if seq:
                aligned.append((seq, count))
                for g in seq:
                    counts[g] += count
        total = sum(counts.values())
        table = {g: math.log(n / total) for g, n in counts.items()}
        logp = lambda g, a, b, table=table: table.get(g)  # noqa: E731
        print(f"  alignment pass {it + 1}: {len(table)} graphones", file=sys.stderr)
    return aligned


def write_graphones(out: Path, aligned: list[tuple[list[Graphone], int]]) -> None:
    """Write graphone trigram counts with per-context Witten-Bell statistics.

    Lines: ``g<TAB>roman<TAB>native<TAB>count`` (graphone id = order of g lines, 0 = boundary),
    ``c<TAB>ctx ids<TAB>total<TAB>distinct`` and ``n<TAB>ctx ids<TAB>id<TAB>count``.
    """
    ids: dict[Graphone, int] = {("", ""): 0}
    for seq, _ in aligned:
        for g in seq:
            ids.setdefault(g, len(ids))
    uni: collections.Counter = collections.Counter()
    ngrams: collections.Counter = collections.Counter()
    for seq, count in aligned:
        s = [0, 0] + [ids[g] for g in seq] + [0]
        for i in range(2, len(s)):
            uni[s[i]] += count
            ngrams[((s[i - 1],), s[i])] += count
            ngrams[((s[i - 2], s[i - 1]), s[i])] += count
    ctx: dict[tuple[int, ...], list[int]] = collections.defaultdict(lambda: [0, 0])
    for (c, _), n in ngrams.items():
        ctx[c][0] += n
        ctx[c][1] += 1
    lines = [f"g\t{r}\t{n}\t{uni[i]}\n" for (r, n), i in sorted(ids.items(), key=lambda kv: kv[1])]
    lines += [f"c\t{','.join(map(str, c))}\t{t}\t{v}\n" for c, (t, v) in sorted(ctx.items())]
    lines += [f"n\t{','.join(map(str, c))}\t{g}\t{n}\n" for (c, g), n in sorted(ngrams.items()) if n >= MIN_NGRAM_COUNT]
    write_gz_text(out / "graphones.tsv.gz", lines)


# --------------------------------------------------------------------------------------------------
# Key-rule measurement (why ROMAN_KEY_RULES is what it is)
# --------------------------------------------------------------------------------------------------

CANDIDATE_RULES: dict[str, list[tuple[str, str]]] = {
    "ph>f": [("ph", "f")],
    "q>k": [("q", "k")],
    "y>i": [("y", "i")],
    "u>o": [("u", "o")],
    "e>i": [("e", "i")],
    "double": [(r"(.)\1+", r"\1")],
    "a(i)>": [(r"a(?=i)", "")],
    "v>w": [("v", "w")],
    # measured and rejected:
    "ee>i,oo>u": [("ee", "i"), ("oo", "u")],
    "c>k": [(r"c(?!h)", "k")],
    "final h": [(r"(?<=[aeiou])h$", "")],
    "final ai/ay>e": [(r"(ai|ay|ei|ey)$", "e")],
    "final nasal n": [(r"(?<=[aeiou])n$", "")],
    "kh>k": [("kh", "k")],
    "gh>g": [("gh", "g")],
    "drop aspiration h": [(r"(?<=[bpdtjgc])h", "")],
    "z>j": [("z", "j")],
    "ou/au>o": [(r"(ou|au|aw)", "o")],
    "drop vowels": [(r"(?<=.)[aeiou]", "")],
}


def measure_keys(rows: list[Row], urf: dict[str, float]) -> None:
    """Print held-out key accuracy for the chosen rules, each ablation and each rejected rule.

    Protocol: for every Urdu word with two or more TRAIN spellings, one spelling is held out; the
    key -> word table is built from the remaining spellings; a held-out spelling scores if its key
    finds its word.  "collide" is the frequency-weighted share of known spellings whose key leads to
    another word (the price of merging).
    """
    weight = urdu_weight(urf)
    by_native: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for native, roman, count in rows:
        by_native[native].append((roman, count))
    rng = random.Random(0)
    held, kept = [], []
    for native, spellings in by_native.items():
        out = rng.randrange(len(spellings)) if len(spellings) > 1 else -1
        for k, (roman, count) in enumerate(spellings):
            (held if k == out else kept).append((native, roman, count))

    def score(rule_names: list[str]) -> tuple[float, float, float]:
        rules = [(re.compile(p), r) for name in rule_names for p, r in CANDIDATE_RULES[name]]

        def key(token: str) -> str:
            token = CHAT_SPELLINGS.get(token, token)
            for pattern, repl in rules:
                token = pattern.sub(repl, token)
            return token

        table: dict[str, dict[str, float]] = collections.defaultdict(lambda: collections.defaultdict(float))
        for native, roman, count in kept:
            table[key(roman)][native] += count * math.sqrt(weight(native))
        best = best_by(table)
        hits = [(best.get(key(roman)) == native, weight(native)) for native, roman, _ in held]
        acc = sum(h for h, _ in hits) / len(hits)
        wacc = sum(h * w for h, w in hits) / sum(w for _, w in hits)
        pairs = [(best[key(r)] != n, weight(n) * c) for n, r, c in kept]
        collide = sum(b * w for b, w in pairs) / sum(w for _, w in pairs)
        return acc, wacc, collide

    chosen = list(CANDIDATE_RULES)[: len(ROMAN_KEY_RULES)]
    print(f"{'rules':40} {'held-out':>9} {'weighted':>9} {'collide':>8}")
    report = [("no rules", []), ("chosen", chosen)]
    report += [(f"chosen - {name}", [n for n in chosen if n != name]) for name in chosen]
    report += [(f"chosen + {name}", [*chosen, name]) for name in CANDIDATE_RULES if name not in chosen]
    for label, names in report:
        acc, wacc, collide = score(names)
        print(f"{label:40} {acc:9.3f} {wacc:9.3f} {collide:8.3f}", flush=True)


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def write_gz_text(path: Path, lines: list[str]) -> None:
    """Deterministic gzip (mtime 0) so rebuilding unchanged data leaves git clean."""
    with gzip.GzipFile(path, "wb", mtime=0, compresslevel=9) as fh:
        fh.write("".join(lines).encode("utf-8"))
    print(f"  wrote {path.name}: {path.stat().st_size / 1024:.0f} KiB", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("benchmarks", type=Path, help="folder holding dakshina_ur/ (e.g. ../shared/benchmarks)")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: bot/language/data)")
    ap.add_argument("--measure-keys", action="store_true", help="only print the key-rule measurement")
    ap.add_argument("--em-iterations", type=int, default=4)
    args = ap.parse_args(argv)

    rows = load_train(args.benchmarks)
    if not args.measure_keys:
        rows += supplement_rows()
    urf = urdu_frequencies()
    print(f"{len(rows)} word pairs (TRAIN + hand-written), {len(urf)} wordfreq Urdu words", file=sys.stderr)
    if args.measure_keys:
        measure_keys(rows, urf)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    write_langid(args.out, english_frequencies(), roman_distribution(rows, urf))
    write_lexicons(args.out, rows, urf)
    write_graphones(args.out, train_alignment(rows, args.em_iterations))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
