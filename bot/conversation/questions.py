"""Answering a question from the knowledge: what ``Assistant`` hands over once a message is neither a command,
a flow, a request for a person nor small talk (its ``list`` and ``question`` routes).

``Answerer.answer`` reads the question against the conversation's memory (a follow-up that names only another
place, an attribute, or points back), searches, chooses the record that holds the item asked (the focus: a
count, an area, who runs it...), composes a short grounded answer and adds only what the evidence decides: a
yes or no, a park's status, "not known" for the item the record lacks. ``Answerer.list_parks`` answers from
the park directory. Both leave in the turn's context what the next follow-up leans on (``last_query``,
``last_record``, ``last_park``, ``last_focus``, ``last_city``).

The parts come in from the composition root (``bot/app/parts.py``); nothing here reads or writes the store.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
import enum
import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.documents import Document

from bot.conversation import focus as reading
from bot.conversation.intents import PLATFORMS, RULE_APPLIES, Intent, classify, greeting_tokens
from bot.conversation.messages import Button, Reply
from bot.conversation.turn import ASKED_TO_APPLY, TurnContext
from bot.language import Lang, detect, detect_scores, tokenize
from bot.language.days import days_named
from bot.language.normalize import function_words, singular, word_logprobs, written_out
from bot.language.numbers import NUMBER, amounts, number_tokens, number_value
from bot.language.people import SELF_MALE, THEY_MAY, about_men
from bot.language.places import CITY_ALIASES, OTHER_PLACES, spell_out, spellings, urdu_name
from bot.retrieval import answers
from bot.retrieval.compose import Answer, Composer, GroundedComposer, ListedRow, Source, confidence, unwrapped
from bot.retrieval.directory import Directory, Park, clauses, localized, park_clauses, says_it_park
from bot.retrieval.embeddings import CachedQueryEmbeddings
from bot.retrieval.search import Retriever, SearchResponse, SearchResult
from bot.texts import TEXTS, say

_FOLLOW_UP = re.compile(
    r"^(and|what about|how about|aur|or|اور|تو)\b|\b(it|its|it's|there|us|uska|us ka|iska|is ka|wahan|waha|"
    r"اس|اسکا|اس کا|وہاں)\b", re.I)
#: Evidence that really holds a contact detail, an address-like line, a price or a date.
_SLOT_EVIDENCE = {
    "contact": re.compile(r"(?:\+?92|\b0)\d{2,3}[\s-]?\d{5,8}\b|\+\d[\d\s-]{8,}\d|@|www\.|https?://"),
    "address": re.compile(r"\b(?:road|street|plot|floor|avenue)\b|\b(?:sector|block)\s+[A-Z]?-?\d|روڈ|گلی", re.I),
    "fees": re.compile(r"\b(?:rs\.?|pkr|rupees)\s*\d|\d\s*(?:rs|pkr|rupees)\b|روپے|\bdeposit\b", re.I),
    "deadline": re.compile(r"\b(?:deadline|last date|opens at|open (?:from )?(?:monday|mon)\b|\d{1,2}(?::\d\d)?\s*"
                           r"(?:[ap]\.?m\.?)|(?:open|closed) on (?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b", re.I),
    "salary": re.compile(r"\b(?:salar(?:y|ies)|stipends?)\b[^.]{0,40}\d", re.I),
    "link": re.compile(r"https?://|www\.", re.I),
    "vacancies": re.compile(r"\bvacanc(?:y|ies)\b|\bjob\s+openings?\b|اسامی", re.I),
    "documents": re.compile(r"\b(?:documents?\s+(?:required|needed)|required\s+documents?)\s*[:\-]|درکار\s+دستاویزات",
                            re.I),
    "contractor": re.compile(r"\bcontractors?\b|ٹھیکیدار", re.I),
    "distance": re.compile(r"\d\s*(?:km|kilomet(?:er|re)s?|miles?)\b|کلومیٹر", re.I),
    "availability": re.compile(r"\b(?:occupancy|vacant|fully\s+booked|waiting\s+list|seats?\s+(?:are\s+)?free)\b",
                               re.I),
    "financing": re.compile(r"\b(?:loans?|financed\s+by|funded\s+by)\b|قرض", re.I),
    "eligibility": re.compile(r"\b(?:age\s+limit|aged?\s+(?:at\s+least|\d{2})|minimum\s+age|CGPA|GPA)\b|عمر کی حد",
                              re.I),
    "provider": re.compile(r"\b(?:ISP|internet\s+provider|PTCL|Nayatel)\b", re.I),
    "person_name": re.compile(r"\b(?:director|chairman|CEO|MD|manager|in ?charge)\b(?:[^.]|\b(?:Mr|Ms|Mrs|Dr|Engr)\.)"
                              r"{0,30}\b[A-Z][a-z]+ [A-Z][a-z]+"),
}
#: How sure the language check must be that a Roman Urdu user's answer came out in English (a Roman Urdu sentence
#: full of English loans, "Karachi IT Park ki cost US$186 million hai", must not get the note).
ENGLISH_BODY = 0.9
#: Words of a detail question ("sunday ko khula hota hai?") that goes on from the last answer without pointing at it.
SHORT_DETAIL = 6
#: A figure's text short enough to quote in a comparison's verdict ("1.12 million sq ft", "US$186 million").
SHORT_FIGURE = 24
#: Words the knowledge never uses that make a short "who/what/when" message a topic of its own.
NEW_TOPIC_WORDS = 2
#: Similarity above which a message counts as ours even without a domain word (e5 cosine).
IN_SCOPE_SIMILARITY = 0.88
PARK_BOOST = 1.5
CITY_BOOST = 1.25
UNFINISHED = {"under_construction", "under_development", "planned"}
#: Statuses a current source gives to a park still being built: not open yet.
BEING_BUILT = {"under_construction", "under_development"}
#: Park kinds that count as "an STP / a park" when a user asks whether a city has one.
PARK_KINDS = {"stp", "technology_park", "it_park"}
#: Of the top hits, the one the question's focus and scope point to leads; the others are pushed this far
#: down so that the composer neither prefers nor appends them (a second record only for lists and comparisons).
DEMOTE = 0.5
#: How much a record that holds the focused item, or that matches the question's scope, is preferred.
FOCUS_PREFERENCE = 1.2
SCOPE_PENALTY = 0.7
#: A record about women (its title asks about them) answering a question that does not, or the other way round.
SUBJECT_PENALTY = 0.8
#: Pronouns for people ("their", "unka", "ان کا"): after a question about women, the women.
_THEIR = re.compile(r"\b(?:their|them|they|un\s*ka|un\s*ki|un\s*ke|in\s*ka|in\s*ki|in\s*ke|unhe|inhe)\b"
                    r"|ان\s*کا|ان\s*کی|ان\s*کے|انہیں", re.I)
#: "Which one", "which ones", "kaun sa", "کون سا": a choice between the things just talked about.
_WHICH_ONE = re.compile(r"\bwhich\s*ones?\b|\bwhich\b.{0,12}\b(?:bigger|larger|smaller|more|costlier|first|sooner)\b|"
                        r"\bk(?:au|o)n\s*s[ai]\b|کون\s*سا|کون\s*سی"
                        # "kon bada hai?", "کون بڑا ہے" after two parks
                        r"|\bk(?:au|o)n\s+(?:bara|bada|bari|badi|zyada|ziada)\b|کون\s+(?:بڑا|زیادہ)"
                        # of the two just talked about ("how much did each cost", "dono ka kharcha kitna hai")
                        r"|\beach\b|\bboth\b|\bdono\b|\bdonon\b|دونوں", re.I)
def _script(text: str) -> str:
    """"ur" when most letters are Urdu script, else "latin"."""
    urdu = len(re.findall(r"[\u0600-\u06ff]", text))
    return "ur" if urdu * 2 > len(re.findall(r"[^\W\d_]", text)) else "latin"


#: Words that ask about a cost or its relief: with a rule's name ("net ka bill", "kiraye pe chhoot"), that rule.
_SUBSIDY_WORDS = re.compile(r"\b(?:subsid\w*|discount|chh?o+t|relief|free|muft|bill|kharch[ae]?|concession)\b"
                            r"|سبسڈی|رعایت|چھوٹ|مفت|\bفری\b(?!\s*لانس)|\bبل\b|خرچ", re.I)
#: A park of the tech kind (not "national park", "water park", "safari park"): a province's list answers it.
_TECH_PARK = re.compile(r"\bstps?\b|software|techno|\btech\b|\bit\s+parks?\b|ایس ٹی پی|سافٹ|ٹیکنالوجی|ٹیک|آئی ٹی",
                        re.I)
#: An STP by name ("stp", "software technology park", "software park", "ایس ٹی پی"), not an IT or tech park.
_STP_WORDS = re.compile(r"\bstps?\b|software\s+(?:technology\s+)?parks?|ایس\s*ٹی\s*پی|سافٹ\s*ویئر", re.I)
#: Which or what kinds of subsidy ("kya kya subsidy", "what subsidies", "کون کون سی سبسڈی"): all the rules, listed.
_WHICH_RULES = re.compile(r"\b(?:kya\s*kya|kia\s*kia|what|which|kaun\s*kaun|kon\s*kon|kaun\s*si|kon\s*si|konsi|"
                          r"kaunsi|types?\s+of|kinds?\s+of|list)\b|کیا\s*کیا|کون\s*کون|کون\s*سی|کونسی|فہرست", re.I)
_RULE_NOUN = re.compile(r"\bsubsid\w*|\bincentives?\b|سبسڈی|مراعات", re.I)
#: "subsidy kya hai", "سبسڈی کیا ہے": what the subsidies are, which is which ones there are.
_WHAT_IS_RULE = re.compile(r"(?:\bsubsid\w*|\bincentives?)\s+(?:kya|kia)\s+h\w*\b"
                           r"|(?:سبسڈی|مراعات)\s+کیا\s+(?:ہے|ہیں|ہوتی)"
                           r"|\b(?:ko|kou|liye|lye)\s+(?:kya|kia)\s+(?=subsid)|(?:کو|لیے)\s+کیا\s+(?=سبسڈی)"
                           # "subsidy k bare me btao", "tell me about the subsidies", "سبسڈی کے بارے میں بتائیں"
                           r"|(?:\bsubsid\w*|\bincentives?)\s+(?:k|ke|ki|kay)\s+(?:bare|baare|barey|baray)\b"
                           r"|\b(?:tell|info)\s+(?:me\s+)?(?:about|on)\s+(?:the\s+)?(?:subsid\w*|incentives?)\b"
                           r"|(?:سبسڈی|مراعات)\S*\s+(?:کے|کی)\s+(?:بارے|متعلق)", re.I)
#: What something is ("whats the internet subsidy for new startups"): the rule answers, not whether the group qualifies.
_WHAT_IS = re.compile(r"\bwhat(?:'?s|\s+is|\s+are)\b", re.I)
#: Foci that name who gets something ("what subsidies do women get", "kon si": "who"), not an item of a rule.
_GROUP_FOCI = frozenset({None, "who", "for_whom"})
#: Figures a park's own field states, put first when asked (see :meth:`Answerer._figure_first`); not a city's
#: count of companies (the park's record gives the city's), nor a date (its status says more).
_FIGURE_FIRST = frozenset({"cost", "area", "jobs", "exports"})
_LABELLED_FIGURES = frozenset({"cost", "area"})
#: Two questions in one message (:meth:`Answerer.asks_two`): two sentences, each with a few words.
TWO = 2
MIN_PART_TOKENS = 2
_FREELANCE = re.compile(r"freelanc|fiverr|upwork|فری\s*لانس", re.I)
#: A group the sources do not say the rules cover ("which subsidy can a freelancer get", "startups ko kya subsidy
#: milti hai"): the rules, then what the sources say of who qualifies.
_UNCOVERED_GROUP = re.compile(r"freelanc|fiverr|upwork|start\s*-?ups?\b|individual|student|\bakel[ae]\b|"
                              r"فری\s*لانس|اسٹارٹ|طلبہ|طالب|اکیل", re.I)
#: Details that, of no park or place named, no record answers in part: a contact, hours, a salary, job openings.
_BARE_SLOTS = frozenset({"contact", "deadline", "salary", "vacancies", "documents"})
#: Details no record answers in part of a park named: who its officials are, what they are paid ("gilgit park ka
#: manager kon hai" got "officials are not named" and then "PSEB builds and runs the STPs", of a park PSEB does not run;
#: "who is incharge of these software parks" keeps who runs them).
_NOTE_ONLY_SLOTS = frozenset({"person_name", "salary"})
#: A share or a span asked of a subsidy rule as a yes/no ("can i get 50% rent subsidy", "کیا سبسڈی پانچ سال تک ملتی
#: ہے"), and words that ask something else of it, which the rule's figure does not decide: a comparison ("12 mahine
#: se zyada"), when it starts ("do our 12 months start from the day we move in"), a choice ("cheap or just normal rent
#: minus the 25%").
_SHARE_ASKED = re.compile(rf"(?<![\w.]){NUMBER}\s*(?:%|percent\b|per\s*cent\b|fisad\b|feesad\b|فیصد)", re.I)
_SPAN_ASKED = re.compile(rf"(?<![\w.]){NUMBER}\s*(?:(months?|mahin[ae]y?|mahinon|مہینے|مہینوں|ماہ)|(years?|saal|sal|"
                         r"سال|برس))(?!\w)", re.I)
_NOT_THE_FIGURE = re.compile(r"\b(?:more|less|over|under|above|below|beyond|zyada|ziada|zada|kam|start|starts|"
                             r"begin|begins|shuru|or|ya|after|baad|bad|old|ago|purani|purana|puraani)\b"
                             r"|زیادہ|\bکم\b|شروع|\bیا\b|بعد|پرانی|پرانا|پرانے", re.I)
#: What a figure must stand next to to be asked of a rule ("50% rent subsidy", "subsidy 2 saal tak", "100% free"),
#: not of something else in the question ("a company with 50% foreign ownership ... the rent subsidy").
_RULE_WORDS = re.compile(r"subsid\w*|rent\b|rental|kiray\w*|kiraya|internet|\bnet\b|wifi|free\b|muft|discount|"
                         r"chhoot|سبسڈی|کرای\w*|کرائے|انٹرنیٹ|نیٹ|مفت|رعایت", re.I)
FIGURE_REACH = 25
#: The words a short follow-up may hold besides function words to ask a figure of the rule just answered.
_FIGURE_ONLY_WORDS = frozenset({"it", "its", "this", "that", "ye", "yeh", "wo", "woh", "یہ", "وہ", "percent", "per",
                                "cent", "fisad", "feesad", "فیصد", "month", "months", "mahine", "mahiney", "mahinay",
                                "مہینے", "ماہ", "year", "years", "saal", "sal", "سال", "برس", "get", "milti", "milta",
                                "milegi", "mil", "mile", "ملتی", "ملے", "مل", "گی", "last", "lasts", "chalti", "چلتی",
                                "only", "sirf", "صرف", "free", "true", "sahi", "سچ", "درست", "correct", "is", "hai"})
#: What the user pays, not what the rule gives ("do i pay 75 percent then?", "75 percent khud dena hoga?").
#: A freelancing platform named ("fiverr", "upwork"), and the word the records use for its sellers.
_PLATFORM = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, PLATFORMS)) + r")(?![\w])", re.I)
_FREELANCER = re.compile(r"freelanc|فری لانس", re.I)
#: Free of charge, or waived ("free", "muft", "مفت", "کرایہ معاف", "no rent").
#: (not "maaf kijiye", "معاف کیجیے گا": an apology; nor "فری لانسر")
_FREE = re.compile(r"\bfree\b|\bmuft\b|\bma+f\b(?!\s+k)|\bmua+f\b(?!\s+k)|\bno\s+rent\b|\bwithout\s+rent\b|مفت|"
                   r"معاف(?!\s*ک)|فری(?!\s*لان)", re.I)
#: For ever ("forever", "lifetime", "hamesha", "ہمیشہ", "always", "permanently").
_FOR_EVER = re.compile(r"\bfor\s*ever\b|\blife\s*time\b|\balways\b|\bpermanent\w*|\bhamesha\b|\bhumesha\b|"
                       r"\bumar\s+bhar\b|ہمیشہ|عمر بھر|تاحیات", re.I)
#: What an STP tenant rents: the park, an office, space, a seat or desk, the rent.
_A_SPACE = re.compile(r"\b(?:stps?|parks?|office|offices|space|seat|seats|desk|desks|jagah|jaga|rent|kiraya|kiraye|"
                      r"kirayah?)\b|پارک|ایس ٹی پی|دفتر|آفس|جگہ|سیٹ|کرای|کرائے", re.I)
#: Things no rule makes free or not: training, courses, incubation, coworking programmes, events, food.
_NOT_A_SPACE = re.compile(r"\b(?:train\w*|course\w*|class\w*|incubat\w*|co-?working|e-?ro[sz]ga+r|nic|events?|"
                          r"workshops?|food|lunch|tea|chai|parking|registration|consult\w*|tax\w*|gst|duty|duties)\b|تربیت|"
                          r"کورس|ٹریننگ|پارکنگ|کو ورکنگ|ٹیکس", re.I)
#: A rule's share that makes the thing free.
FULL_SHARE = 100
_PAYS = re.compile(r"\b(?:pay|pays|paying|dena|dene|deni|dein|khud)\b|دینا|دینے|دینی|خود", re.I)


@cache
def _figure_only_tokens() -> frozenset[str]:
    return frozenset(t for w in _FIGURE_ONLY_WORDS for t in tokenize(w))


#: A figure asked in at most this many words and naming no rule asks it of the rule just answered ("is it 50
#: percent?", "کیا پانچ سال تک مل سکتی ہے؟").
FIGURE_FOLLOW_UP_WORDS = 8
#: A question about what is yet to happen ("will it open by 2027", "kab tak khulega", "مکمل ہو جائے گا").
_FUTURE = re.compile(r"\b(?:will|expected|going\s+to|soon|jaye?ga|jayegi|hoga|hogi|\w+[ae]ga|\w+[ae]gi)\b"
                     r"|(?:گا|گی|گے)(?:\s|[؟?]|$)|\d{4}", re.I)
#: A superlative over everything ("sab se bara", "سب سے زیادہ", "the biggest"): not a choice between two.
#: A kind of park named in a comparison of two cities ("isb aur khi it park", "lahore and faisalabad stp").
_KIND_NAMED = {r"\bit\s*parks?\b|آئی ٹی پارک": "it_park", r"\bstps?\b|software|ایس ٹی پی|سافٹ ویئر": "stp"}
#: A comparison asked upward ("bigger", "more", "zyada", "بڑا") or downward ("smaller", "less", "kam", "چھوٹا").
_MORE_ASKED = re.compile(r"\b(?:bigger|larger|more|higher|costlier|expensive|mehnga|mehenga|zyada|ziada|zada|bara|bada|"
                         r"bari)\b|بڑا|بڑی|زیادہ|مہنگا", re.I)
_LESS_ASKED = re.compile(r"\b(?:smaller|smallest|less|least|fewer|lower|lowest|cheaper|cheapest|kam|chota|chhota|choti|"
                         r"sasta|sasti|saste)\b|چھوٹا|چھوٹی|سستا|سستی|(?<!\S)کم(?!\S)", re.I)
#: The rules pointed at ("یہ ملے گی", "ye milegi", "is it given", "do they apply"); not the conversation's POINTERS,
#: which hold the Roman "is" (this) that every English "is wifi available ..." also has.
_IT_GIVEN = re.compile(r"\b(?:it|this|these|they|ye|yeh|yehi|wo|woh)\b|یہ|وہ", re.I)
#: What a tenant rents, with which "cheaper" is a rent ("cheaper to rent", "kis ki fees sasti"), which the sources do
#: not give.
_A_SPACE_RENTED = re.compile(r"\b(?:rent\w*|kiray\w*|kiraya|office|desk|seat|space|jagah)\b|کرای|دفتر|جگہ", re.I)
#: One or the other ("faisalabad or quetta", "lahore ya karachi", "لاہور یا کراچی").
_EITHER = re.compile(r"\b(?:or|ya|yaa)\b|\bیا\b", re.I)
_MOST = re.compile(r"\bsab\s*se\b|سب\s*سے|\b(?:most|biggest|largest|smallest|highest|lowest)\b", re.I)
#: Until when ("kab tak", "کب تک", "till when"): an end point, which a record may give as a duration.
_UNTIL = re.compile(r"\btak\b|تک|\buntil\b|\btill\b", re.I)
#: Applying ("kab tak apply kar sakte hain": a deadline, which a subsidy's months do not answer).
_APPLY = re.compile(r"\bappl(?:y|ied|ication)|\bdarkhwast|\bregist|درخواست|اپلائی|رجسٹر", re.I)
def _comes_from(question: str, city: str) -> bool:
    """Whether the question names the city as where the asker is from ("from rawalakot", "multan se", "ملتان سے")."""
    names = [re.escape(n) for n in (city, *OTHER_PLACES.get(city, []), *CITY_ALIASES.get(city, []))]
    pattern = "|".join(sorted(names, key=len, reverse=True))
    mentions = len(re.findall(rf"(?<!\w)(?:{pattern})(?!\w)", question, re.I))
    origins = len(re.findall(rf"\bfrom\s+(?:{pattern})\b|(?<!\w)(?:{pattern})\s+(?:se|say|sy|سے)\s+(?:hu+n|ho+n|hain|"
                             rf"hoon|aaya|aayi|aai|ہوں|ہیں|آیا|آئی)(?!\w)", question, re.I))
    # every mention of the city says where the asker is from ("multan se hun"), none asks about it ("multan me stp?",
    # "multan se lahore kitna door": a distance)
    return mentions > 0 and origins >= mentions


#: Using a workplace: sitting, working, joining, entering, coming ("can he sit there too", "wahan larke ja sakte?").
_USES_A_PLACE = re.compile(r"\b(?:sit|work|works|use|join|enter|go|come|allowed|baith\w*|bait\w*|kaam|ja\s+sakt\w*|"
                           r"aa\s+sakt\w*|jaa?\s+skt\w*|allow)\b|بیٹھ|کام|جا سک|آ سک|داخل", re.I)


#: "Only in" a place ("sirf karachi me", "only in islamabad", "صرف لاہور میں"): the places named after it.
_ONLY_IN = re.compile(r"\b(?:only|sirf|srf|sirif)\b(?!\s+(?:for|ke\s+liye|kay\s+liye))|صرف(?!\s+(?:خواتین|عورتوں))",
                      re.I)
#: "Big cities" as a place ("only in big cities", "sirf bare shehron mein", "صرف بڑے شہروں میں"), and the ones the
#: sources call the big tech cities.
_BIG_CITIES = re.compile(r"\b(?:big|bigger|major|large|main|bar[ae]y?|bad[ae]y?)\s+(?:cities|city|shehr\w*|shahr\w*)"
                         r"|بڑے\s+شہر", re.I)
BIG_CITIES = ("Islamabad", "Rawalpindi", "Lahore", "Karachi")
#: The IT parks being built (Karachi's and Islamabad's), which the list of STP places does not answer for.
_IT_PARKS_BUILT = re.compile(r"\bit\s+parks?\b|آئی\s*ٹی\s+پارک|\bb(?:a|)n\s+r(?:a|)h|\bbeing\s+built\b|بن\s+رہ", re.I)
#: "Only for women" ("only for girls", "women only", "sirf khawateen ke liye", "صرف خواتین کے لیے").
_WOMEN = (r"(?:wom[ae]n|girls?|ladies|females?|khawat[ei]+n|larki(?:y|o)?[ao]?n?|aurat(?:o|e)n|aurton|خواتین|لڑکیوں"
          r"|عورتوں)")
#: ... and nothing more after it than "ke liye", "hai", "?" ("only for women from AJK" asks something else).
_END = r"(?:\s+(?:ke?|kay)\s+li?ye|\s*(?:کے\s*لیے|کیلئے))?\s*(?:$|[?؟.!,]|(?:hai|hain|he|h|hy|na|kya|ہے|ہیں|نا)\b)"
_WOMEN_ONLY = re.compile(rf"(?:\b(?:only|sirf|srf)\s+(?:for\s+)?{_WOMEN}|صرف\s+{_WOMEN}|{_WOMEN}\s+only){_END}", re.I)
#: An alternative asked ("or", "ya", "یا"): which of two, not yes or no.
_EITHER = re.compile(r"\bor\b|\bya\b|(?:^|\s)یا(?:\s|$)", re.I)
#: A sentence about what the sources lack ("There is no ... deadline ... in the sources", "ذرائع میں ... نہیں"): it
#: names the item but does not hold it ("Rs. 5,000 per month, not including electricity" holds it).
_SOURCES_LACK = re.compile(r"(?=.*\b(?:no|not|nahi|nahin)\b)(?=.*\bsources?\b)|(?=.*نہیں)(?=.*ذرائع)", re.I)
#: A park spoken of in a text ("Software Technology Park", "IT park", "STP", "ایس ٹی پی").
_PARK_TEXT = re.compile(r"\b(?:software\s+technology|technology|tech|it)\s+parks?\b|\bstps?\b"
                        r"|سافٹ ویئر|ٹیکنالوجی پارک|ایس ٹی پی", re.I)
#: An Urdu letter (not a digit or a mark of the Arabic block).
_URDU_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0679-\u06d3]")
_HOW_MUCH = re.compile(r"\bhow\s+(?:much|many|big|long|far|old|soon|often|large|small|fast)\b"
                       # what something is like ("how is the gilgit park", "how's the bagh one"), not how it is done
                       # ("how is the subsidy claimed")
                       r"|\bhow(?:'s|\s+(?:is|are|was|were))\s+(?:(?!\w+ed\b|done\b|given\b|paid\b|taken\b|made\b)"
                       r"\w++\W*+){1,6}$", re.I)
#: How long a word no passage uses must be to show the question is about something the knowledge lacks.
NOWHERE_LENGTH = 5
#: How rare (lexical weight) a word of a "how" question must be to tell what procedure it asks about.
HOW_WORD_WEIGHT = 2.0
#: How many ingested files about a named city are lifted.
MAX_FILES = 3
#: How many sections of a document are looked through for one that states the item asked.
MAX_SECTIONS = 12
#: Records written in Roman Urdu as well (documents are English and Urdu only), and how much a Roman Urdu
#: question prefers them among close hits: otherwise "women ke liye koi park hai kya" is answered in English.
ROMAN_WRITTEN = frozenset({"park", "subsidy", "faq"})
ROMAN_PREFERENCE = 1.08
#: The named park's own record when a figure of it is asked (its structured fields hold the figure).
NAME_PREFERENCE = 1.15
#: A park's own record (its structured fields) when a follow-up asks one of its attributes or names it.
OWN_RECORD_BOOST = 2.0
#: FAQ entries staff wrote in the console (the knowledge-gap loop): written for a question the bot could not
#: answer, so among the close top hits the staff's answer leads (over the park record a question names).
STAFF_FAQ = "faq:staff-"
STAFF_ANSWER_PREFERENCE = 1.6
#: How many texts :meth:`Answerer._entry_named` remembers (then it forgets them all and starts again).
REMEMBERED_ENTRIES = 1024
#: How much a word must say about a passage (:meth:`LexicalIndex.weight`) for a question pointing back to share it
#: with the last answer: "مہینے" of the subsidy's months does (2.3), "naam" or "kaam" do not (1.6-1.7).
TELLING_WEIGHT = 2.0
#: A follow-up about men at the last park is this short at most ("what about for men", "aur mardon ke liye?").
MEN_FOLLOW_UP = 6
#: How near a figure stated in a question must be to one of the record's to be the same (rounding: "1.1 million").
CLOSE_ENOUGH = 0.02
#: A figure quoted back as heard or said before ("pehle to 43 sune the", "but i heard 43", "پہلے تو 43 بتاتے تھے").
_HEARD = re.compile(r"\b(?:pehle|pehlay|earlier|before|suna|sune|suni|heard|said|says|bataya|batate|kaha|kehte|"
                    r"but|magar|lekin|wasn'?t|isn'?t)\b|پہلے|سنا|سنے|بتا|کہا|کہتے|لیکن|مگر", re.I)
#: A claim passed on ("i heard rent subsidy is 50%", "suna hai internet free hai", "سنا ہے"): put to the test like a
#: yes/no question.
_HEARD_SAID = re.compile(r"\b(?:heard|suna|suni|sune|told\s+me|fwd|forwarded)\b|سنا|سنی|"
                         # a claim checked at the end ("... 100 parks. correct??", "sahi hai?", "کیا یہ درست ہے")
                         r"\b(?:correct|true|right|sahi|sach|durust)\s*(?:hai|he|h)?\s*[?؟!.]*\s*$|(?:صحیح|درست|سچ)\s*(?:ہے)?\s*[?؟]*\s*$",
                         re.I)
#: A clause asking about a park where the asker is ("is there an stp near me", "mere shehar me", "یہاں"; "there"
#: and "wahan" are :func:`focus.points_there`'s): the place named in another clause is the one asked about.
_NEAR_ME = re.compile(r"\b(?:near\s+(?:me|us)|nearby|my\s+(?:city|town|area)|here|yahan|idhar|qareeb|kareeb|paas|"
                      r"mere\s+sh[ae]h[ae]?r|hamare\s+sh[ae]h[ae]?r|us\s+sh[ae]h[ae]?r|is\s+sh[ae]h[ae]?r|the\s+city|"
                      r"that\s+city)\b|یہاں|قریب|پاس|میرے شہر|ہمارے شہر|اس شہر", re.I)
#: What a park clause asks of every park alike (how long the subsidies last, the share of women), not of a park in
#: a place: asked after a clause that introduces the asker's city, the city is not what is asked.
_RULE_ITEMS = frozenset({"duration", "share", "women", "people", "jobs"})
#: Whether a park has opened or been built ("already open?", "khul gaya", "ban chuka", "فعال ہے"; not "chal raha",
#: which is as often the works going on, nor "complete" or "ready" as adjectives).
_ASKS_OPEN = re.compile(r"\b(?:open|opened|operational|functional|khul\s+(?:gaya|gya|gayi|chuka|chuki)|khula\s+h\w*|"
                        r"ban\s+(?:gaya|gya|chuka)|(?:complete|mukammal)\s+ho\s+(?:gaya|gya|chuka))\b"
                        r"|کھل گیا|کھل چکا|کھلا ہے|فعال|بن گیا|بن چکا|مکمل ہو گیا|مکمل ہو چکا", re.I)
#: A question about the future ("will it open", "khul jayega", "کھل جائے گا"), which no status answers yes or no.
_WILL = re.compile(r"\b(?:will|would|going\s+to|next|agle|agla|jaye?\w*|ga|gi|ge|hoga|hogi|"
                   r"\w+(?:eg[aie]|enge|ain?ge))\b|گا\b|گی\b|گے\b|جائے|اگلے", re.I)
#: "Besides X", "other than X", "X ke ilawa", "koi aur": a question about other parks than the one named.
_OTHER_THAN = re.compile(r"\b(?:besides|other\s+than|apart\s+from|except|ilawa|alawa|siwa|koi\s+aur|any\s+other)\b"
                         r"|علاوہ|سوا|کوئی اور", re.I)
#: Work going on at a park ("kaam chal raha hai", "construction is running"): "running" of the works, not the park.
_WORK_GOING = re.compile(r"\b(?:kaam|kam|work|works|construction|tameer|tamir)\b|کام|تعمیر", re.I)
#: How or why the STPs are made ("pseb naye stp kis tarah banata hai", "chote shehron me stp kyun bana rahe"):
#: asked of the programme, not of a place ("main multan se hun, stp kaise join karun" asks about Multan).
_HOW_OR_WHY = re.compile(r"(?:\b(?:how|why|kyun|kyon|kiyon|kis\s+tarah|kaise|kese)\b|کیوں|کس طرح|کیسے)[^?!؟]{0,200}"
                         r"(?:\b(?:ban\w*|bna\w*|build\w*|built|set\s+up|made|make)\b|بنا|بن\s)", re.I)
#: A clause this long that names a city without asking about its park introduces the asker ("i run a small call
#: center in multan"); a shorter one names the place asked ("multan, any stp?").
BACKGROUND_WORDS = 4
#: Whether something is free ("e rozgar center free hai kya", "are they free to use", "ای روزگار مفت ہے؟"): the
#: words of a free claim (_FREE), or a charge asked of.
_FREE_ASKED = re.compile(_FREE.pattern + r"|\bcharges?\b|\bcost\s+anything\b|\bpaise\s+lagte", re.I)
#: Words of a cost: in an answer, it speaks of one (so "not said whether it costs anything" is not added); in a
#: question naming a subsidy, it asks what the subsidy pays ("is the wifi paid by govt"), not a facility.
_COST_WORDS = re.compile(_FREE.pattern + r"|\bfees?\b|\bcosts?\b|\bcharges?\b|\brent\b|\bkiray|\blaagat\b|\bpaid\b|"
                         r"\bpays?\b|\bkharch|\bbill\b|subsid|فیس|کرای|لاگت|خرچ|\bبل\b|سبسڈی|ادا\s+کر|"
                         r"\d+\s*(?:%|percent|فیصد)", re.I)
#: A facility asked as there or not, of the parks this bot is about ("is there parking", "do u have generator backup",
#: "bijli jaye to backup hota hai?"), not "best laptop under 1 lakh?".
_IS_THERE = re.compile(r"\b(?:is|are)\s+there\b|\bdo\s+(?:u|you|they)\s+(?:guys\s+)?(?:have|provide|offer|give)\b|"
                       r"\b(?:does|do)\s+(?:it|the\s+\w+|stps?)\s+(?:have|provide|offer)\b|\b(?:hota|hoti|hote)\s+h|"
                       r"\b(?:milt[aie]|milega|milegi)\b|\bhai\s*\??$|ہوتا ہے|ہوتی ہے|ملت[ای]|ملے گ|ہے\s*؟?$", re.I)
#: When a park will be finished, asked without "open" ("islamabad it park kab tak banega", "کب تک مکمل ہوگا").
_BUILT_BY = re.compile(r"\bban(?:ega|egi|e\s*ga|ay\s*ga|y\s*ga|jaye\s*ga|jayega)\b|\bready\b|\bcomplete\b|\bfinish|"
                       r"\bmukammal\b|\btayyar\b|\btayar\b|بنے\s*گا|مکمل|تیار", re.I)
#: A field's text that opens with a label of its own ("Women only: ...", "Sirf khawateen ke liye: ...").
_LABELLED = re.compile(r"^[^:.]{1,40}:\s")
#: A subsidy asked as given ("milti h?", "available", "do tenants get", "ملتی ہے"): what a "Yes." answers.
_GIVEN = re.compile(r"\b(?:get|gets|getting|got|avail\w*|give[ns]?|giving|offer\w*|apply|applies|applicable|eligible|"
                    r"mil(?:ti|ta|te|egi|ega|enge|engi|y|e)?|lagu|laagu)\b|ملتی|ملتا|ملے|مل\s+سکتی|دستیاب|لاگو", re.I)
#: A subsidy said to be gone, withheld or taxed ("has the subsidy ended", "khatam ho gayi", "taxable", "is there no
#: subsidy", "foreigner"): nothing the rules say, so no "Yes." and not their list either.
_NOT_GIVEN = re.compile(r"\b(?:end|ends|ended|ending|stop|stops|stopped|discontinu\w*|cancel\w*|withdraw\w*|khatam|"
                        r"band|without|tax\w*|foreign\w*|overseas|ga?ir\s*mulki)\b|ختم|بند|ٹیکس|غیر\s*ملکی"
                        # a "no" that is no "or not" ("milti hai ya nahi?")
                        r"|(?<!\bya\s)(?<!\bor\s)\b(?:no|not|nahi|nahin)\b|(?<!یا\s)نہیں", re.I)
#: Still, of a rule ("still available", "abhi bhi milti hai", "ab bhi", "ابھی بھی مل رہی ہے", "اب بھی").
_STILL = re.compile(r"\bstill\b|\b(?:abhi|ab|abi)\s+(?:bhi|bi)\b|\bab\s+tak\b|(?:ابھی|اب)\s+بھی|اب\s+تک"
                    # a year asked of ("... 2025 me bhi hai?", "in 2026 too?"), not one told ("our park opened in 2023")
                    r"|\b20[2-3]\d\s+(?:me|mein|mai|main)\s+(?:bhi|bi)\b|\bin\s+20[2-3]\d\s*(?:too|also|as\s+well)?\s*[?؟]"
                    r"|[۲2][۰0][۲-۳2-3][۰-۹0-9]\s+میں\s+بھی", re.I)
#: A place said of something ("is in lahore", "located in", "lahore me hai", "لاہور میں ہے"): where it is, asked.
_SAID_IN = re.compile(r"\b(?:is|are|it'?s|located|situated|based)\b[^?.]*?\b(?:in|at)\s+\w+"
                      r"|\w+\s+(?:me|mein|main|mai|mn)\s+(?:hai|he|h|hy|hain)\b|میں\s+(?:ہے|ہیں|واقع)", re.I)
#: What makes a question with a city and a province no claim of where one is ("and", "than", "like").
_NOT_A_CLAIM = re.compile(r"\b(?:and|aur|than|like|jaise|jaisa)\b|اور|جیسا|جیسے|سے\s+زیادہ", re.I)
#: A park said to be somewhere ("the women only park is in muzaffarabad"), not asked after ("is there a ... in").
_PARK_SAID_IN = re.compile(r"\b(?:park|stp)\s+(?:is|are)\s+(?:in|at)\b", re.I)
#: A claim put as a question by its tag ("PSEB gives 50% rent subsidy for 3 years right?", "... hai na?", "sahi?").
_TAG_ASKED = re.compile(r"\b(?:right|correct|true|isn'?t\s+it|na|naa|sahi|theek)\s*[?؟]\s*$|\bhai\s+na\b", re.I)
#: Which of two opens first ("and which opens first", "aur pehle kon sa khulega", "پہلے کون سا کھلے گا").
_OPENS_FIRST = re.compile(r"\b(?:opens?|ready|complete[sd]?|finish(?:es|ed)?)\s+first\b|\bfirst\s+to\s+open\b|"
                          r"\bpehle\s+k(?:o|au)n\s*s[ae]\s+(?:khul|ban|tayyar|ready)\w*|\bk(?:o|au)n\s*s[ae]\s+pehle\s+"
                          r"(?:khul|ban|tayyar|ready)\w*|پہلے\s+کون\s+سا\s+(?:کھل|بن|تیار)|کون\s+سا\s+پہلے", re.I)
#: Which places, asked as a list ("which cities", "kon kon se shehron", "kis kis city", "کن شہروں").
_WHICH_CITIES = re.compile(
    r"\b(?:which|what|wich)\s+(?:all\s+)?(?:cities|towns)\b|\bwhere\s+all\b|"
    r"\blist\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?(?:cities|places)\b|"
    r"\b(?:kon\s+kon(?:\s+se)?|kaun\s+kaun(?:\s+se)?|kis\s+kis)\s+(?:shehr\w*|shahr\w*|sheher\w*|cit(?:y|ies)|"
    r"jagah\w*|ilaq\w*)\b|\b(?:kin|kon\s*se|kaun\s*se)\s+(?:shehron|shahron|cities|jagahon|ilaqon)\b|"
    r"\bkahan\s+kahan\b|کن\s+(?:کن\s+)?(?:شہروں|جگہوں|علاقوں)|کن\s+کن\s+شہر|کہاں\s+کہاں", re.I)
#: A subset of the parks asked about by number or as the new ones ("25 naye stp kin ilaqon me bane"): its own record.
_SOME_PARKS = re.compile(r"\d|\bnew\b|\bnaye\b|\bnaey\b|نئے|[۰-۹]", re.I)
_PARKISH = re.compile(r"park|stp|پارک|ایس ٹی پی|technology|tech|ٹیکنالوجی|office|دفتر", re.I)


#: ... and asks for a place for himself at a park for women ("can i get a desk at the bagh womens stp", "women park me
#: kaam kar sakta hun?"), not a subsidy, another park, or for his wife ("can she get a desk", "کام کر سکتی ہے").
_ASKS_FOR_HIMSELF = re.compile(r"\b(?:can|could|may)\s+i\b|\b(?:sakta|skta)\s+(?:hun|hoon|hu)\b|mujhe|mjhe|مجھے"
                               r"|سکتا\s+ہوں|\bmil\s+(?:sakti|skti|sakta|skta)\b|\bmil(?:e|a)?gi\b|مل\s+سکت|ملے\s+گی",
                               re.I)
#: A man the telling part named, asked about by a pronoun ("... can he sit there too").
_HE = re.compile(r"\b(?:he|him|his)\b", re.I)
_A_PLACE = re.compile(r"\b(?:desk|seat|office|dafter|daftar|sit|work|kaam|join|rent|baith\w*)\b|دفتر|سیٹ|ڈیسک|کام|بیٹھ",
                      re.I)


@lru_cache(maxsize=1024)
def _about_men(question: str) -> bool:
    """Whether the question asks about men ("men"/"man" are men only in an English message), in the sentences that
    ask ("My husband has a company. Does the Bagh park offer internet?" does not ask about him), or for a writer
    who has said he is one ("im a guy, video editor from muzaffarabad. can i get a desk at the bagh womens stp")."""
    asked = reading.asking_part(question)
    english = detect(asked) == "en"
    cut = reading.after_telling(asked)  # "im a boy from bagh, can i get the internet subsidy?": the question after it
    told = asked[:len(asked) - len(cut)]
    if about_men(cut, english=english) or (about_men(told, english=english) and _HE.search(cut)):
        return True  # ("her husband works with her, can he sit there too")
    return bool(SELF_MALE.search(question) and _ASKS_FOR_HIMSELF.search(cut) and _A_PLACE.search(cut)
                and re.search(_WOMEN, asked, re.I))


def _said_key(text: str) -> str:
    """A reply as remembered in the conversation's context: short, the same for the same words."""
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=8).hexdigest()


#: Whether two things are one ("is it the same as the IT park", "وہ آئی ٹی پارک والا ہی ہے کیا").
_SAME = re.compile(r"\bsame\b|\bw[ao]hi\b|\bek hi\b|\balag\b|\bdifferent\b|ہی ہے|وہی|ایک ہی|الگ", re.I)


class Decided(enum.Enum):
    """What decided a yes or no: the women-only park's field about men, a park's own women-only field, or anything
    else (a park's status, a city's parks, a rule's figure); the first two shape the sentence that follows it."""

    MEN = "men"
    WOMEN_ONLY = "women_only"
    OTHER = "other"


class Answerer:
    """Answers a question, or lists parks, from the knowledge; see the module docstring."""

    def __init__(self, retriever: Retriever, embedder: CachedQueryEmbeddings, directory: Directory,
                 composer: Composer, grounded: GroundedComposer) -> None:
        self.retriever = retriever
        self.embedder = embedder
        self.directory = directory
        #: the answer's composer (the LLM one when configured, falling back to ``grounded``)
        self.composer = composer
        #: the composer that cuts records to the item asked, lists parks and subsidy rules
        self.grounded = grounded
        #: :meth:`_entry_named` per text: the search's boost and the choice of record both ask it of each message
        self._entries: dict[str, str | None] = {}
        #: the route's test and its answer split the same message: split once
        self._two_questions = lru_cache(maxsize=256)(self._split_two)

    def warm_up(self, samples: Sequence[tuple[str, Lang]]) -> None:
        """Search and compose once per language, so the first user does not pay for the lazy loads."""
        for text, lang in samples:
            classify(text)
            self.directory.find_places(text)
            response = self.retriever.search(text, k=5, language=detect(text, default=lang))
            self.grounded.compose(text, response)

    def wants_list(self, turn: TurnContext) -> bool:
        """A list of parks, a short follow-up to one that names only another place ("and in Gilgit?"), or a
        province's parks asked after (see :meth:`_asks_province_parks`)."""
        if turn.intent.name == "list":
            # "how many parks in karachi", "کراچی میں کتنے پارک ہیں": the parks there; of the whole country ("how many
            # parks in pakistan", "kitne park hain") the count answers, with its figure
            return bool(turn.places.get("city") or turn.places.get("province")) or not answers.has_words(
                turn.question, "count")
        return bool(turn.last_list and self._moves_list(turn.question, turn.places, turn.intent)) or (
            self._asks_province_parks(turn)) or self._asks_city_parks_exist(turn)

    def _asks_city_parks_exist(self, turn: TurnContext) -> bool:
        """Whether a city with several parks in the directory has one, asked with nothing else ("karachi me stp
        hai?"): its list answers, "yes" first when one is open (the Roman Urdu search led with the Karachi IT Park,
        still being built, and no yes). A city with one park is answered from that park's records."""
        question, places = turn.question, turn.places
        city = places.get("city")
        if not city or places.get("province") or not _STP_WORDS.search(question) or turn.intent.missing_slot:
            return False  # ("karachi me koi IT park hai?" asks for the Karachi IT Park, still being built: no yes)
        return (len(self.directory.parks_where(city=city)) > 1 and reading.is_yes_no(question)
                and reading.asks_existence(question, self.directory.place_tokens) and answers.focus_of(question) is None
                and not _about_men(question) and not _SUBSIDY_WORDS.search(question)
                and not self.directory.find_parks(question) and not self._city_in_background(question, city))

    def _asks_province_parks(self, turn: TurnContext) -> bool:
        """Whether there is a park in a province, which ones or how many ("gb me koi stp h", "sindh me kitne stp
        hain", "kp me konse shehar me stp bna h"): the directory's parks there answer, not a record that mentions
        the province in passing. Not an item asked of them ("punjab me stp ki fees")."""
        question, places = turn.question, turn.places
        if not places.get("province") or places.get("city") or not (
                _TECH_PARK.search(question) or (turn.intent.unfinished and reading.has(question, "park"))):
            return False  # (the cheap tests first: this route is tried on every message; "kp me koi park ban raha
            # hai" asks for parks being built, which only this bot's parks are)
        if _about_men(question) or _SUBSIDY_WORDS.search(question):
            return False  # "ajk me larkon ke liye stp hai?" is answered no from the park; "free stp in punjab?" too
        return bool(reading.has(question, "park")
                    and answers.focus_of(question) in (None, "parks", "where") and not turn.intent.missing_slot
                    and not _RULE_NOUN.search(question) and not self.directory.find_parks(question)
                    and not self.directory.find_named(question, "faq")
                    and (reading.is_yes_no(question) or answers.focus_of(question) is not None
                         or reading.has(question, "wh") or answers.has_words(question, "list")
                         or reading.asks_existence(question, self.directory.place_tokens)))  # "kp me stp?"

    def list_parks(self, turn: TurnContext) -> Reply:
        turn.context.pop("last_list", None)
        places, last_list, lang = turn.places, turn.last_list, turn.lang
        women = turn.intent.women or bool(last_list and last_list.get("women"))
        unfinished = turn.intent.unfinished or bool(last_list and last_list.get("unfinished"))
        rows = [] if women or unfinished else self._listing_rows(places.get("city"), places.get("province"), lang)
        exists = reading.is_yes_no(turn.question) and reading.asks_existence(turn.question, self.directory.place_tokens)
        answer = self.grounded.compose_list(lang, city=places.get("city"), province=places.get("province"),
                                            women_only=True if women else None,
                                            statuses=UNFINISHED if unfinished else None, rows=rows,
                                            open_first=exists)
        listed = [self.directory.park(s.id.removeprefix("park:")) for s in answer.sources]
        if exists and any(p is not None and p.status == "operational" for p in listed):
            answer.text = f"{say('answer_yes', lang)} {answer.text}"  # "gb me koi stp h": one is open there
        turn.context.update(last_query=turn.question, last_city=places.get("city"),
                            last_list={"women": women, "unfinished": unfinished})
        parks = [p for p in listed if p is not None]
        if len(parks) == 1:
            turn.context["last_park"] = parks[0].id  # "how big is that one" after the one park listed
        else:
            turn.context.pop("last_park", None)
        return self._reply(answer, lang, "list", turn.context)

    # -- two questions in one message ---------------------------------------------------------------
    def asks_two(self, turn: TurnContext) -> bool:
        """Two questions in one message that one answer would not both answer: whether a city has a park and a
        detail of it ("کوئٹہ میں STP ہے؟ اور اس کا کرایہ کتنا ہے"), or a detail the sources lack beside another
        question ("quetta me stp hai? kiraya kitna hai"): the detail's "not known" swallowed the other."""
        return self._two_questions(turn.question) is not None

    def _split_two(self, text: str) -> tuple[str, str] | None:
        parts = answers.sentences(text)
        if len(parts) != TWO or not all(len(tokenize(p)) >= MIN_PART_TOKENS for p in parts):
            return None
        first, second = parts
        if not answers.title_words(second):
            return None  # "stp me net free h? kab tak": the second only asks further of the first
        slots = [classify(p).missing_slot for p in parts]
        if not (reading.marked_or_wh(second) or slots[1]) or not (reading.marked_or_wh(first)
                                                                  or reading.is_yes_no(first)):
            return None  # "quetta me stp h? mai wahan shift ho rha", "I retired last year. is there ...": one tells
        existence = reading.asks_existence(first, self.directory.place_tokens)
        # a detail the sources lack beside a question of a place or park named ("bagh park kahan hai? kiraya kitna"),
        # not beside more of the same ("کون سے کاغذات چاہئیں؟ صرف این ٹی این کافی ہے؟")
        other = parts[slots.index(None)] if None in slots and slots[0] != slots[1] else None
        if not (existence or (other is not None and (self.directory.find_places(other)
                                                     or self.directory.find_parks(other)))):
            return None
        return first, second

    def answer_both(self, turn: TurnContext) -> Reply:
        """Each question answered in turn, the second reading the first's answer ("اس کا" is Quetta's park), then
        the two replies as one: each answer with its source line (one line when both cite the same), and a
        person offered once, at the end, when either did not know."""
        parts = self._two_questions(turn.question)
        assert parts is not None
        before = dict(turn.context)
        replies = [self.answer(dataclasses.replace(turn, question=part, intent=classify(part),
                                                   places=self.directory.find_places(part))) for part in parts]
        if [r.sources[:1] for r in replies] == [replies[0].sources[:1]] * TWO:
            # one record answers both: the message is answered whole, as one question
            turn.context.clear()
            turn.context.update(before)
            return self.answer(turn)
        offers = [r for r in replies if r.choices]
        texts = [r.reply.replace(say("offer_person", r.language), "").strip() for r in replies]
        first, second = texts
        cited = first.rsplit("\n\n", 1)
        if len(cited) == TWO and second.endswith(cited[1]):
            first = cited[0]  # the same sources: cited once, at the end
        text = f"{first}\n\n{second}"
        if offers:
            text = f"{text}\n\n{say('offer_person', turn.lang)}"
        sources = list({s["id"]: s for r in replies for s in r.sources}.values())
        last = replies[-1]
        return dataclasses.replace(last, reply=text, sources=sources, choices=offers[-1].choices if offers else [],
                                   missed=any(r.missed for r in replies))

    def answer(self, turn: TurnContext) -> Reply:
        """Answer a question in named stages: read it against the conversation, answer early what the directory
        answers whole (a subsidy list, a city with no park), search, settle the item asked, choose and compose
        the record, cut it to the item, then say what the evidence decides (yes/no, a park's status, "not
        known") and remember what the next follow-up leans on."""
        question, places, context, lang, intent = turn.question, turn.places, turn.context, turn.lang, turn.intent
        context.pop("last_list", None)  # a question ends a list's follow-ups
        previous = str(context.get("last_query") or "")
        question = self._their(spell_out(question), context)  # "khi it park": what the records call Karachi
        # "mai fiverr pe kam krta hu": a platform's seller is a freelancer, the word the records use
        question = _PLATFORM.sub(lambda m: f"{m.group(0)} freelancer", question) if not _FREELANCER.search(
            question) else question
        asked = reading.telling_dropped(question)
        # the item is read from the sentences that ask, unless they only count ("stp me professionals. kitne?")
        focus = answers.focus_of(asked) if answers.title_words(asked) else answers.focus_of(question)
        if focus == "women" and reading.is_yes_no(question) and self._asks_women_only(question):
            focus = None  # "is the lahore stp only for women?" asks who the park is for, not a figure for women
        if (focus in (None, "women") and reading.is_yes_no(question) and _USES_A_PLACE.search(question)
                and not _about_men(question) and any(p.women_only for p in (
                    [self.directory.park(i) for i in self.directory.parks_meant(question)]
                    or (self.directory.parks_where(city=places["city"]) if places.get("city") else []))
                    if p is not None)):
            focus = "for_whom"  # "can i work at the bagh park": who it is for (women entrepreneurs, freelancers ...)
        if focus is not None and any(f in self.directory.leads_when_named
                                     for f in self.directory.find_named(question, "faq")):
            focus = None  # "the tax exemption on IT exports ...": the entry on tax answers, not an export figure
        fragment = self._fragment(question, places, context, focus)
        if fragment.kind == "attribute" and self._new_topic(question, fragment, intent):
            # "who won the cricket yesterday" after a park: a question word and words the knowledge never uses,
            # pointing at nothing: a new topic, not the last park's "who" (before the search, which would read
            # it together with the last question)
            fragment = reading.Reading("none", fragment.content)
        if intent.missing_slot == "fees" and fragment.kind == "subject" and self._on_subsidy(context):
            # "اور کرائے پر؟" after the internet subsidy: the rent subsidy, not a rent amount
            intent = dataclasses.replace(intent, missing_slot=None)
        early = (self._listed_early(question, places, context, lang, intent, focus, fragment)
                 or self._free_premise(question, places, lang, context)
                 or self._subsidy_there(question, places, lang, context, fragment, focus, intent)
                 or self._only_there(question, places, lang, context)
                 or self._elsewhere(question, lang, context))
        if early is not None:
            return early
        # "how big is the park there", "can i get a seat there": the last turn's park, read once for the search and
        # the choice of record
        pointed = (self._it_park_meant(question, places, context, focus)
                   or self._pointed_park(question, places, context) or self._womens_park_for_him(question))
        # "number do", "sunday ko khula hota hai?" right after an answer from an office's file: a detail of that
        # record (the curated records have entries of their own for such details: "rent?" is the fees entry)
        last_record = str(context.get("last_record") or "")
        leaned = last_record if (
            (last_record.startswith("file:") and intent.missing_slot and fragment.kind == "none")
            # "free hai?" after the co-working spaces: whether they cost anything, not the internet subsidy's "free"
            or (_FREE_ASKED.search(question) and last_record and last_record not in self.directory.rule_records
                and not self.directory.find_subsidies(question))) and (
            not places and pointed is None and len(question.split()) <= SHORT_DETAIL
            and not self.directory.find_parks(question)) else ""
        query, response = self._search(question, places, context, lang, fragment, pointed, leaned or None)
        # ("how far is it from muzaffarabad" after the Bagh park asks a distance, not whether Muzaffarabad has a park)
        unlisted = None if intent.missing_slot == "distance" and fragment.kind != "none" else self._unlisted_city(
            question, places, context, lang, fragment, response)
        if unlisted is not None:
            return unlisted
        top_similarity = max((r.similarity or 0.0 for r in response.results[:3]), default=0.0)
        outside = (intent.name == "question" and not intent.in_domain and top_similarity < IN_SCOPE_SIMILARITY
                   # "quetta ma bhi h kya", "gb aur ajk me kya hai": places and nothing else, to a bot about parks,
                   # ask about parks there (a first message too)
                   and not reading.only_places(question, self.directory.place_tokens,
                                               strict=not context.get("last_query"))
                   # "is there parking there?" (in the middle of a booking too): a park's everyday facility, which an
                   # entry answers for every park (not "best laptop under 1 lakh?", which names no park or place)
                   and not (self.directory.of_every_park(question) is not None and (
                       reading.has(question, "park") or reading.points_there(question) or context.get("last_park")
                       or context.get("flow") or _IS_THERE.search(question))))
        if outside and fragment.kind == "none":
            # (a detail asked within a conversation, "does she have to pay anything to sit there", is of its subject)
            # (nor is "can he sit there too" of a husband, after a park: whether men may use it; not "mera bhai wahan
            # cricket khelna chahta hai")
            men_use = bool(context.get("last_park") and _about_men(question) and _USES_A_PLACE.search(question))
            # a short detail question right after a park's answer is of that park ("sunday ko khula hota hai?",
            # "number do", "اتوار کو کھلا ہے؟")
            of_last = bool(intent.missing_slot and (context.get("last_park") or context.get("last_record"))
                           and len(question.split()) <= SHORT_DETAIL)
            # (a man asking to use the women's park just talked about needs no "there": "mera bhai bhi ja sakta?")
            asks_detail = bool(context.get("last_query") and (
                men_use or (intent.missing_slot and (reading.points_there(question) or of_last))))
            if not (asks_detail or self._continues(question, fragment, context, lang)):
                return self._reply(Answer(say("out_of_scope", lang), [], 0.0, known=False), lang, "out_of_scope",
                                   context)
            if not leaned:  # (a detail of the last record was searched with it already)
                # "which provinces", "names of the towns?", "courses ki list?": the previous subject, asked further
                query = f"{question} {context['last_query']}"
                lift = {str(context["last_record"]): CITY_BOOST} if context.get("last_record") else None
                response = self.retriever.search(query, k=5, language=lang, vector=self._vector(query, lang),
                                                 boost=lift)
        focus = self._followed_focus(question, focus, fragment, context)
        side_by_side = self._side_by_side(question, places, context, lang, focus)
        if side_by_side is not None:
            return side_by_side
        more = fragment.kind == "more" or answers.has_words(question, "more") or answers.has_words(question, "list")
        several = reading.has(question, "compare")
        # a detail of the last answer's record, which leads its search: that record answers, as chosen
        # "do freelancers get it too" after the subsidies: who qualifies for them, not the last rule again
        group_of_rule = bool(_UNCOVERED_GROUP.search(question)) and self._on_subsidy(context)
        if group_of_rule and focus is None:
            focus = "for_whom"
        kept = bool(leaned and response.results and response.results[0].record_id == leaned) and not group_of_rule
        if not several and not kept:
            # "khi it park khul gya?" of a park still being built: not yet, from the record that says when it is due
            due = focus is None and self._asks_if_unfinished_park_is_open(question, context, fragment)
            response = self._choose(question, response, "when" if due else focus, places, lang,
                                    rule_asked=(fragment.kind == "subject" and self._on_subsidy(context))
                                    or group_of_rule,
                                    pointed=pointed)
            if fragment.kind == "attribute" and focus and context.get("last_record") and context.get("last_park"):
                # "inko kon dekhta h": of the last answer's record and its park's records, one that says who
                entries = [str(context["last_record"]), *self.directory.records_about(str(context["last_park"]))]
                top = response.results[0] if response.results else None
                if top is not None and not self._holds(top, focus, lang):
                    response = self._lead_entry(response, entries, lang, focus, in_order=True) or response
        if (focus == "when" and _UNTIL.search(question) and not _APPLY.search(question) and response.results
                and not self._holds(response.results[0], "when", lang)
                and self._holds(response.results[0], "duration", lang)):
            focus = "duration"  # "net free h? kab tak": until when a subsidy lasts is its months, not a year
        answer = self.composer.compose(query, response)
        if not answer.known and not answer.sources and response.results and self._named_lead(
                question, places, context, fragment, focus, response.results[0]):
            answer = self.grounded.compose(query, response, chosen_by_name=True)
        # "claim kaise karte hain", "do stps have generator backup": what the whole record never mentions
        applies = bool(answer.sources) and answer.sources[0].id in self.directory.ends_with_application
        if applies:
            # "our company has 30 developers ... Islamabad STP. How do we apply?" then "ok lets apply": the application
            # starts with what this message told (see FlowRoute.answer)
            context[ASKED_TO_APPLY] = {"text": turn.question, "at": time.time()}
        else:
            context.pop(ASKED_TO_APPLY, None)
        unanswered = self._unanswered(question, answer) if (
            answer.known and focus is None and not intent.missing_slot and not applies  # (it says how: not here)
            and not self._man_asks(question)) else None  # (men: the verdict answers)
        if answer.known and answer.composer == "grounded" and not several:
            # (how applying works is said whole: that the sources give no steps is the answer, whatever words asked)
            answer, response = self._cut(answer, response, query, question, None if intent.missing_slot else focus,
                                         lang, context, more=more or applies)
        if unanswered and answer.known:
            note = say("not_known_item", lang, item=say("item_how", lang)) if unanswered == "how" else say(
                "nothing_on_it", lang)
            answer.text = f"{note}\n\n{answer.text}"
            answer.known = False
            answer.missed = True
        if answer.sources and response.results:
            pointed_at = context.get("last_park")
            self._remember_and_decide(answer, response, query, question, places, context, fragment, focus, lang,
                                      previous)
            if pointed_at and not context.get("last_park") and self.directory.of_every_park(question) is not None:
                context["last_park"] = pointed_at  # "is there parking?" answered for every park: still that park's chat
        noted = self._item_asked(answer, response, intent.missing_slot, question, lang)
        if (not noted and answer.known and answer.sources and _FREE_ASKED.search(question)
                and answer.sources[0].id not in self.directory.rule_records and not _COST_WORDS.search(answer.text)):
            # "e rozgar center free hai kya": whether it costs anything, which the record does not say (the subsidy
            # rules answer "is the stp free" early, in _free_premise)
            first = answers.sentences(answer.text.split("\n\n")[0])[:1]
            _, sep, cited = answer.text.rpartition("\n\n")
            answer.text = f"{say('free_not_known', lang)}\n\n{first[0] if first else ''}{sep}{cited}"
            answer.known, answer.missed, noted = False, True, True
        answer.text = "\n\n".join(map(answers.fields_joined, answer.text.split("\n\n")))
        if answer.sources and self._only_in_english(answer, lang):
            # an office's English file (or a document with no rendering in the user's language), asked in Urdu or
            # Roman Urdu: say so in the user's language rather than switch language unannounced
            answer.text = f"{say('only_in_english', lang)}\n\n{answer.text}"
        name = intent.name if intent.name in ("booking", "application") else "question"
        if (name != "question" or applies) and intent.missing_slot != "documents":
            # (the documents not listed already say the application is taken here)
            # the answer first (or that the detail asked is not known), then how to book or apply right here
            here = say("not_yet_apply" if applies or name == "application" else "not_yet", lang)
            if answer.known or noted or answer.sources:  # (a record that says the steps are not known, too)
                body, sep, cited = answer.text.rpartition("\n\n")
                answer.text = f"{body}\n\n{here}\n\n{cited}" if sep else f"{answer.text}\n\n{here}"
            else:
                answer.text = here
            answer.known = False
        if more and answer.sources and context.get("said") == _said_key(answer.text):
            # "tell me more" again when the record has no more: say so, with its lead as a reminder, not all of it again
            lead = answers.sentences(answer.text.split("\n\n")[0])[:1]
            answer.text, answer.known = " ".join([say("no_more", lang), *lead]), False
        return self._reply(answer, lang, name, context)

    # -- the stages of answer() ----------------------------------------------------------------------
    def _listed_early(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang,
                      intent: Intent, focus: str | None, fragment: reading.Reading) -> Reply | None:
        """What the directory answers whole before any search: an attribute asked after "no park listed in
        Multan" (still none there), and every subsidy rule when the question asks which there are."""
        unlisted = context.pop("unlisted_city", None)
        if unlisted and fragment.kind == "more":
            # "tell me more" after "no park listed in Multan": there is no more, said once (with a person offered)
            return self._reply(Answer(say("no_more", lang), [], 1.0, known=False), lang, "question",
                               {**context, "unlisted_city": unlisted})
        if unlisted and fragment.kind == "attribute":
            # "uska size?" after "no park listed in Multan": still none listed there, not another city's park
            return self._reply(self.grounded.compose_list(lang, city=str(unlisted)), lang, "question",
                               {**context, "unlisted_city": unlisted})
        if self._asks_every_rule(question, focus, intent, places):
            rules = self.grounded.compose_subsidies(lang, who_qualifies=bool(_UNCOVERED_GROUP.search(question)))
            if rules is not None:
                for stale in ("last_park", "last_record", "last_focus", "unlisted_city"):
                    context.pop(stale, None)
                # (the rules answered: "do freelancers get it too" next asks who qualifies for them)
                context.update(last_query=question, last_record=rules.sources[0].id)
                return self._reply(rules, lang, "question", context)
        return None

    def _free_premise(self, question: str, places: dict[str, str], lang: Lang, context: dict[str, Any]
                      ) -> Reply | None:
        """"is STP free for startups?", "park me office bilkul free milta hai na lifetime?", "میں نے سنا ہے 5 سال تک
        کرایہ معاف ہے": a claim or a question that the space (or anything) is free, or free for ever, which the rules'
        own fields decide: no, rent is cut by a share and every rule runs for some months. Answered "No." and the
        rules with their months. Not the internet alone for its months ("internet free hai?": it is, for 12), nor
        what no rule covers ("free training milti hai?")."""
        if not _FREE.search(question) or _NOT_A_SPACE.search(question):
            return None
        if places.get("city") and places["city"] not in self.directory.cities_with_parks():
            return None  # "is the stp in hyderabad free": no park listed there comes first (see _unlisted_city)
        if not (reading.is_yes_no(question) or _HEARD.search(question) or not reading.has(question, "wh")):
            return None
        named = self.directory.find_subsidies(question)
        rules = [r for r in self.directory.subsidies if not named or str(r.get("id")) in named]
        for_ever = bool(_FOR_EVER.search(question))
        spans = [m for m in _SPAN_ASKED.finditer(question)]
        months = {r.get("duration_months") for r in rules}
        longer = for_ever or any(number_value(m.group(1)) * (12 if m.group(3) else 1) > max(
            (int(n) for n in months if n), default=0) for m in spans)
        whole = all(r.get("amount_pct") == FULL_SHARE for r in rules)
        if not rules or None in months or (whole and not longer):
            return None  # (free, and for the months asked: the rule's own answer says so)
        last = self._last_park(context)
        # (not the women-only park's: the brochure's rules predate it, and whether it charges is not said)
        of_last_stp = (last is not None and last.data.get("kind") == "stp" and not last.women_only
                       and len(question.split()) <= SHORT_DETAIL)
        if not (named or _A_SPACE.search(question) or of_last_stp):
            return None  # ("is it free" right after an STP is asked of its space)
        # (the rule that leaves something to pay first: "is the office free" is answered by the rent's 25%)
        rules.sort(key=lambda r: r.get("amount_pct") == FULL_SHARE)
        # ("is stp free for students": not free for anyone, and the sources do not say a student qualifies at all)
        answer = self.grounded.compose_subsidies(lang, only=[str(r.get("id")) for r in rules],
                                                 who_qualifies=bool(_UNCOVERED_GROUP.search(question)))
        if answer is None:
            return None
        answer.text = f"{say('answer_no', lang)} {answer.text}"
        for stale in ("last_park", "last_record", "last_focus", "unlisted_city"):
            context.pop(stale, None)
        context.update(last_query=question)
        if len(rules) == 1:
            context["last_record"] = answer.sources[0].id  # ("یہ سہولت کیسے لیں": that rule)
        return self._reply(answer, lang, "question", context)

    def _subsidy_there(self, question: str, places: dict[str, str], lang: Lang, context: dict[str, Any],
                       fragment: reading.Reading, focus: str | None, intent: Intent) -> Reply | None:
        """"islamabad stp me subsidy milti h?", "do lahore stp tenants get the subsidy?", "وہاں سبسڈی ملتی ہے؟", and
        "aur lahore me?", "does it apply in quetta too?" after the subsidies: whether the rules reach a place's STP,
        which their own field decides (tenants of the STPs PSEB sets up, in the big cities and the smaller ones).
        Answered with the rules, "Yes." first when asked yes or no. Without this the city's record answered and the
        subsidy was dropped, or a follow-up "kitne mahine?" said the months were not known.

        Not of a park PSEB does not run as an STP (an IT park, an incubator) nor of the women-only park (the brochure's
        rules predate it), and not how to claim, which group qualifies, or a figure put to the test: their own answers.
        "Yes." only to whether they are given ("milti hai?", "available", "do tenants get"), not to whether they ended,
        are taxed or reach a foreigner, which the rules do not say.
        """
        named_rule = bool(_RULE_NOUN.search(question))
        still = self._rules_still(question, places, lang, context, named_rule)
        if still is not None:
            return still
        # ("کیا کوئٹہ والے پارک میں بھی یہ ملے گی؟" after the subsidies, or after an entry on them: given there too)
        last_record = str(context.get("last_record") or "")
        # ("are meeting rooms available in lahore stp?", "do i get parking there" after the rent subsidy ask of a
        # facility, not of the rules: only "it", "یہ", "ye" given there is theirs)
        follow = not named_rule and bool(last_record) and (
            self._on_subsidy(context) or bool(self.directory.rules_answered(last_record))) and (
            fragment.kind == "place" or bool(RULE_APPLIES.search(question)) or bool(
                _GIVEN.search(question) and _IT_GIVEN.search(question) and (
                    places or self.directory.parks_meant(question))
                and self.directory.of_every_park(question) is None and not _A_SPACE_RENTED.search(question)))
        if not (named_rule or follow) or focus is not None or reading.has(question, "how") or _UNCOVERED_GROUP.search(
                question) or amounts(question) or _HEARD.search(question) or _ONLY_IN.search(question) or len(
                self.directory.find_cities(question)) > 1 or intent.missing_slot or _NOT_GIVEN.search(question):
            # ("... sirf karachi lahore islamabad walon ko milti hai?": not only there, a list of places; "subsidy ke
            # liye kya documents chahiye": the papers; "has the subsidy ended at lahore stp?": not said)
            return None
        named = [self.directory.park(i) for i in self.directory.parks_meant(question)]
        if named:
            parks = [p for p in named if p is not None]
        elif places.get("city"):
            parks = self.directory.parks_where(city=places["city"])
            parks = [p for p in parks if p.data.get("kind") == "stp"] or parks
        elif reading.points_there(question) and (last := self._last_park(context)) is not None:
            parks = [last]
        else:
            return None
        if not parks or not all(p.data.get("kind") == "stp" and not p.women_only for p in parks):
            return None
        answer = self.grounded.compose_subsidies(lang, there=parks[0].city(lang))
        if answer is None:
            return None
        # "Yes." to whether they are given ("milti hai?", "available", "do tenants get it"), the rules' own answer
        if (reading.is_yes_no(question) and (_GIVEN.search(question) or follow)) or (
                follow and reading.is_yes_no(str(context.get("last_query") or ""))):
            answer.text = f"{say('answer_yes', lang)} {answer.text}"
        for stale in ("last_park", "last_focus", "unlisted_city"):
            context.pop(stale, None)
        # (the rules answered: "kitne mahine?" next asks their months, not the city's park)
        context.update(last_query=question, last_record=answer.sources[0].id)
        return self._reply(answer, lang, "question", context)

    def _rules_still(self, question: str, places: dict[str, str], lang: Lang, context: dict[str, Any],
                     named_rule: bool) -> Reply | None:
        """"کیا ایس ٹی پی کی سبسڈی ابھی بھی مل رہی ہے؟", "is the 25% rent subsidy still valid in 2025?", "abhi bhi
        valid hai?" after a rule: whether the rules hold now, which no source says (their brochure is undated and
        nothing newer confirms them): said, with the rules asked (all, when none is named). A figure in the question
        does not make it a question of the figure: "Yes." to the 25% answered "still, in 2025?" unasked."""
        if not _STILL.search(question) or places:
            return None  # (the cheap tests first: this stage runs for every question)
        of_rule = named_rule or bool(self.directory.find_subsidies(question)) or (
            self._on_subsidy(context) and len(question.split()) <= SHORT_DETAIL)
        if not of_rule or self.directory.parks_meant(question):
            return None
        named = self.directory.find_subsidies(question)
        if not named and not named_rule and self._on_subsidy(context):
            named = [r["id"] for r in self.directory.rules_answered(str(context.get("last_record") or ""))]
        rules = self.grounded.compose_subsidies(lang, only=[str(n) for n in named])
        if rules is None:
            return None
        body, sep, cited = rules.text.rpartition("\n\n")
        rules.text, rules.known = f"{say('rules_unconfirmed', lang)}\n\n{body}{sep}{cited}", False
        context.update(last_query=question, last_record=rules.sources[0].id)
        return self._reply(rules, lang, "question", context)

    def _elsewhere(self, question: str, lang: Lang, context: dict[str, Any]) -> Reply | None:
        """"karachi it park is in lahore na?", "bagh women park is in gilgit right?", "islamabad it park karachi mein
        hai?": a park said to be in a city that is not its own, which its record decides: no, and where it is. (They
        got the park's paragraph, or when it opens, and no "No".) Only of one park named, in so many words asked where
        it is; not "is there a women-only STP in Sialkot" (the sources may not list every park).

        The women-only park is named by what it is ("women only park is in muzaffarabad right?"): claimed elsewhere,
        no; asked after in another city ("gilgit me women only stp hai?"), the one the sources name is in Bagh and
        they name none there. A city's STP said to be in another province ("swat stp is in punjab right?"): no."""
        if not (reading.is_yes_no(question) or _TAG_ASKED.search(question)):
            return None
        meant = self.directory.parks_meant(question)
        park = self.directory.park(meant[0]) if len(meant) == 1 else None
        cities = self.directory.find_cities(question)
        if park is None:
            return self._province_elsewhere(question, cities, lang, context)
        claimed = [c for c in cities if c != park.city("en")]
        if len(claimed) != 1 or reading.has(question, "compare"):
            return None
        where = urdu_name(claimed[0]) or claimed[0] if lang == "ur" else claimed[0]
        claim = bool(_TAG_ASKED.search(question) or _PARK_SAID_IN.search(question))
        if park.city("en") not in cities and park.women_only and not claim and not self._asks_women_only(question):
            # "gilgit me women only stp hai?": the one the sources name is in Bagh; none named there (not "No": the
            # sources may not list every park)
            answer = self.grounded.compose_park_note(park.id, say("women_park_only_in", lang, city=park.city(lang),
                                                                  claimed=where), lang)
            if answer is not None:
                answer.known = False
        elif (park.city("en") in cities or park.women_only) and _SAID_IN.search(question):
            # (named with its city, or the one women-only park: "is there a women only park in lahore" asks another)
            line = say("park_elsewhere", lang, park=park.name(lang), city=park.city(lang), claimed=where)
            answer = self.grounded.compose_park_note(park.id, f"{say('answer_no', lang)} {line}", lang)
        else:
            return None
        if answer is None:
            return None
        for stale in ("last_record", "last_focus", "unlisted_city"):
            context.pop(stale, None)
        context.update(last_query=question, last_park=park.id)
        return self._reply(answer, lang, "question", context)

    def _province_elsewhere(self, question: str, cities: list[str], lang: Lang, context: dict[str, Any]
                            ) -> Reply | None:
        """"swat stp is in punjab right?": a city's STP said to be in a province that is not the city's: no, and its
        province (the directory's field)."""
        claimed = self.directory.find_places(question).get("province")
        stps = [p for p in self.directory.parks_where(city=cities[0]) if p.data.get("kind") == "stp"] if len(
            cities) == 1 else []
        claim = _PARK_SAID_IN.search(question) or _TAG_ASKED.search(question)
        if (not claimed or not stps or not _STP_WORDS.search(question) or reading.has(question, "compare")
                or not claim or _NOT_A_CLAIM.search(question)):
            return None  # ("are there stps in karachi and punjab?", "more stps in karachi than in punjab": no claim)
        park = stps[0]
        if not park.province or park.province == claimed:
            return None
        names = [urdu_name(p) or p if lang == "ur" else p for p in (park.province, claimed)]
        line = say("park_elsewhere", lang, park=park.name(lang), city=names[0], claimed=names[1])
        answer = self.grounded.compose_park_note(park.id, f"{say('answer_no', lang)} {line}", lang)
        if answer is None:
            return None
        context.update(last_query=question, last_park=park.id)
        return self._reply(answer, lang, "question", context)

    def _only_there(self, question: str, places: dict[str, str], lang: Lang, context: dict[str, Any]) -> Reply | None:
        """"kya stp sirf karachi me hai", "are stps only in islamabad?", "صرف لاہور میں ایس ٹی پی ہے؟": whether parks
        are in the named places only, which the directory decides: no, when it lists open parks elsewhere. Answered
        "No." and every place the sources link STPs to (not the one city's record, nor where a park's address is)."""
        asked = reading.asking_part(question)
        only = _ONLY_IN.search(asked)
        if (only is None or not reading.is_yes_no(question) or not _PARKISH.search(asked)
                or re.search(_WOMEN, asked, re.I) or _IT_PARKS_BUILT.search(asked)):
            return None
        cities = set(self.directory.find_cities(asked[only.end():]))
        if not cities and _BIG_CITIES.search(asked[only.end():]):
            cities = set(BIG_CITIES)  # "stps r only in big cities na?": the sources name smaller towns too
        if not cities or self.directory.find_parks(asked):
            return None  # ("is NIC only in karachi": one park's place, which its record answers)
        elsewhere = [p for p in self.directory.parks if p.status == "operational" and p.data.get("kind") in PARK_KINDS
                     and p.city("en") not in cities]
        answer = self.grounded.compose_faq("every_city", lang, opener=say("answer_no", lang)) if elsewhere else None
        if answer is None:
            return None
        for stale in ("last_park", "last_record", "last_focus", "unlisted_city"):
            context.pop(stale, None)
        context.update(last_query=question, last_record=answer.sources[0].id)
        return self._reply(answer, lang, "question", context)

    def _unlisted_city(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang,
                       fragment: reading.Reading, response: SearchResponse) -> Reply | None:
        """A park in a city our sources never link to one (and no ingested file names): the directory's "none
        listed" for it, instead of describing another city's park."""
        city = places.get("city")
        # "mirpur me bhi hai?" after the Bagh park, "and hyderabad?" after the cities with STPs: a park there
        place_after_park = fragment.kind == "place" and bool(
            context.get("last_park") or _PARKISH.search(str(context.get("last_query") or ""))) and answers.focus_of(
            question) is None
        # ("hyderabad ma bhi h kya", "multan mein kitne hain": a city and nothing else, of parks there)
        only_city = reading.only_places(question, self.directory.place_tokens) and answers.focus_of(question) in (
            None, "parks")
        if not city or not (self._asks_about_city_parks(question, places) or place_after_park or (
                only_city and city not in self.directory.cities_with_parks())):
            return None
        files = self._files_about(city)
        if _PARKISH.search(question):  # a newsletter naming Multan in passing is no park in Multan
            files = [f for f in files if self._about_a_park(f)]
        if self._mentions_city(response, city, parks_only=bool(_PARKISH.search(question))) or files:
            return None
        answer = self.grounded.compose_list(lang, city=city)
        for stale in ("last_park", "last_record", "last_focus"):
            context.pop(stale, None)  # what the next "its size?" would lean on is no longer that park
        context.update(last_query=question, last_city=city, unlisted_city=city)
        return self._reply(answer, lang, "question", context)

    def _followed_focus(self, question: str, focus: str | None, fragment: reading.Reading,
                        context: dict[str, Any]) -> str | None:
        """The item asked, with a follow-up's taken from the previous turn: "and in Quetta?" after a count of
        companies asks the same, "how many r there" after a city's park asks how many parks."""
        if (focus is None and fragment.kind == "attribute" and not fragment.content
                and answers.has_words(question, "count") and (context.get("last_park") or context.get("last_city"))):
            return "parks"  # "how many r there" after a city's park: how many parks there
        if self.directory.of_every_park(question) is not None:
            return focus  # "wahan pick n drop milti h?" after a park's size asks the everyday facilities, not a size
        last_focus = context.get("last_focus")
        counts = answers.has_words(question, "count")
        men = reading.is_yes_no(question) and self._man_asks(question)
        if focus is None and not men and (fragment.kind in ("place", "park", "subject") or (
                fragment.kind == "attribute" and not reading.has(question, "how"))) and not (
                counts and not (last_focus in answers.FOCUS_BY_NAME and answers.FOCUS_BY_NAME[last_focus].number)):
            # "کلیم کیسے کرتے ہیں" after the subsidy's months, or "ابھی کتنی چل رہی ہیں" (a number) after who
            # they are for, asks something of its own
            return str(last_focus) if last_focus else None
        return focus

    def _side_by_side(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang,
                      focus: str | None) -> Reply | None:
        """Two parks compared on the item asked, each from its own record: named in the question ("which is
        bigger, the Karachi IT Park or the Islamabad one?"), or the last two talked about ("which ones bigger")."""
        if focus is None and self._cities_compared(question):
            focus = answers.item_named(question)  # ("which has more it companies faisalabad or quetta")
        if _OPENS_FIRST.search(question):
            focus = "when"  # "and which opens first", "aur pehle kon sa khulega": when each is due
        # "konsa sasta hai", "کون سا چھوٹا ہے" right after the two parks' costs or sizes: the cheaper, the smaller (not
        # of a question of its own, "kis ki fees sasti hai", "smaller offices", which the figures do not answer)
        last_focus = context.get("last_focus")
        if (focus in (None, "who") and last_focus in ("cost", "area")
                and (_LESS_ASKED.search(question) or _MORE_ASKED.search(question))
                and not (last_focus == "cost" and _A_SPACE_RENTED.search(question))):
            focus = str(last_focus)
        compared = self._compared_parks(question, focus) if focus in answers.FOCUS_BY_NAME or reading.has(
            question, "compare") else []
        two = list(dict.fromkeys(str(context.get(k) or "") for k in ("prev_park", "last_park")))
        if (len(compared) < 2 and focus in answers.FOCUS_BY_NAME and _WHICH_ONE.search(question) and len(two) == 2
                and all(two) and not places and not answers.has_words(question, "network")
                and not _MOST.search(question)):
            compared = two  # (not "kon sa stp sab se bara hai", which asks about every park)
        # (not of the STPs, "kon sa stp sab se bara hai": the sources give none of their sizes)
        every = (len(compared) < 2 and focus == "area" and _MOST.search(question) is not None and not places
                 and not self.directory.find_parks(question) and not _STP_WORDS.search(question))
        if every:
            # "which is the biggest software technology park", "sab se bara park kon sa hai": of the parks whose size
            # the sources give, the two largest (the STPs in the cities have none)
            compared = self._largest("area")
        if len(compared) < 2 or (focus is None and not reading.has(question, "compare")):
            return None
        side_by_side = self._compare(compared, question, focus, lang)
        if side_by_side is None:
            return None
        if every:
            side_by_side.text = f"{say('largest_known', lang)}\n\n{side_by_side.text}"
        context.update(last_query=question, last_focus=focus, prev_park=compared[1], last_park=compared[0])
        return self._reply(side_by_side, lang, "question", context)

    def _cut(self, answer: Answer, response: SearchResponse, query: str, question: str, shown: str | None,
             lang: Lang, context: dict[str, Any], *, more: bool) -> tuple[Answer, SearchResponse]:
        """The grounded answer cut to the item asked (``shown``), with the park's operator first when asked who
        runs it; a document lacking the item yields to its section that states it."""
        operator = self._field_line(answer, shown, lang, question, context)
        if operator is not None:
            shown = None  # the park's own field says who runs it; the summary adds what else it says
        field = self._park_figure(answer, shown, lang, question, context)
        # a figure the park's own field gives: the record's one sentence on it, no second one on its jobs ("Size:
        # 720,000 sq ft. A 2025 article puts its cost at ... and its size at 720,000 sq ft ...")
        lacking = self._shorten(answer, question, shown, lang, more=more, gap=self._figure_gap(answer, query, shown),
                                alone=field is not None and not more)
        figure = self._figure_first(field, answer, shown, lang) if field is not None and answer.known else None
        if operator is not None or figure is not None:
            answer.text = f"{operator or figure} {answer.text}"
        sibling = self._section_holding(response, shown) if lacking else None
        if sibling is None:
            return answer, response
        # the document chosen states the item in another of its sections ("18,000 professionals" is two sections
        # below the count of parks): that section answers
        answer = self.grounded.compose(query, sibling)  # the grounded answer is the one being cut
        if answer.known:
            self._shorten(answer, question, shown, lang, more=more)
        return answer, sibling

    def _remember_and_decide(self, answer: Answer, response: SearchResponse, query: str, question: str,
                             places: dict[str, str], context: dict[str, Any], fragment: reading.Reading,
                             focus: str | None, lang: Lang, previous: str) -> None:
        """Remember the answer's record and park for the next follow-up (even when an item is said not known),
        and open the answer with what the evidence decides: a park's status, else a yes or a no."""
        top = next((r for r in response.results if r.record_id == answer.sources[0].id), response.results[0])
        context.update(last_query=query, last_record=top.record_id, last_focus=focus, last_title=top.title,
                       last_city=places.get("city") or top.metadata.get("city") or context.get("last_city"))
        park = self._park_of(top)
        if park and context.get("last_park") not in (None, park):
            context["prev_park"] = context["last_park"]  # for "which one is bigger" about the two
        if park:
            context["last_park"] = park
        else:
            context.pop("last_park", None)
        decided = self._verdict(question, places, context, fragment, park)
        status = self._not_open(question, park, focus, lang, asked=fragment.kind == "attribute") if park else None
        if status is None and park and previous and fragment.kind in ("park", "place"):
            # "اور اسلام آباد والا؟" after "has the Karachi IT Park opened?" asks the same of Islamabad's park
            status = self._not_open(previous, park, focus, lang, asked=True)
        body, sep, cited = answer.text.partition("\n\n")
        if status:
            # the status answers; the record's first sentence says what the park is (a city's other, open parks
            # do not make it a "yes")
            first = answers.sentences(body)[0]
            planned = park is not None and (p := self.directory.park(park)) is not None and p.status == "planned"
            if not (planned and answers.says_not_known(first)):  # (a plan's record may say so itself, first)
                answer.text = f"{status} {first}{sep}{cited}"
            if planned:
                answer.known, answer.missed = False, True  # whether it was built is not known: a person is offered
            return
        if decided is None:
            figure = self._figure_verdict(question, answer.text, top.record_id) or self._claimed_figure(
                question, body, top, focus, lang)
            decided = (figure, Decided.OTHER) if figure else None
        if decided is None:
            return
        verdict, why = decided
        if why is Decided.MEN and not re.search(_WOMEN, body, re.I):
            # the park's own sentence that it is for women, whatever detail the question named ("can men apply to
            # the bagh stp" is not answered by what the sources lack about applying)
            body = next((s for s in self._record_sentences(top, lang) if re.search(_WOMEN, s, re.I)), body)
        elif why is Decided.WOMEN_ONLY:
            # "is the islamabad it park women only": not its jobs and exports; of the park for women, its sentence that
            # says so (not "no address or admission details", which a "mard nahi ja sakte?" in the question chose)
            said = answers.sentences(body)
            body = next((x for x in said if re.search(_WOMEN, x, re.I)), None) or next(
                (x for x in self._record_sentences(top, lang) if re.search(_WOMEN, x, re.I)), said[0])
        answer.text = f"{say(verdict, lang)} {body}{sep}{cited}"

    def _claimed_figure(self, question: str, body: str, top: SearchResult, focus: str | None, lang: Lang
                        ) -> str | None:
        """No to a figure put to the test, asked or quoted as heard ("kya pakistan me 100 stp hain?", "karachi it park
        86 million dollar ka hai?", "is the bagh park 10,000 sq ft?"), when the answer states the item's figure and
        the record has the one stated nowhere: the evidence decides it. Never a yes: a record may hold an older
        figure ("43 STPs" before the current 50) that would make one."""
        if focus not in answers.FIGURE_FOCI or "%" in question or _NOT_THE_FIGURE.search(question):
            return None  # (a share is the rules' figure; "more than 40" is no claim of a figure)
        if not (reading.is_yes_no(question) or _HEARD_SAID.search(question)) or _SPAN_ASKED.search(question):
            return None  # ("fy25 ke pehle 9 mahine ... kitni thin": a span, not a figure put to the test)
        stated = amounts(question)
        if len(stated) != 1 or not answers.states(body, focus):
            return None
        known = amounts(" ".join(self._record_sentences(top, lang))) + amounts(body)
        if any(abs(k - stated[0]) <= CLOSE_ENOUGH * max(k, stated[0]) for k in known):
            return None
        return "answer_no"

    def _figure_verdict(self, question: str, text: str, record_id: str) -> str | None:
        """Yes or no to a share or span asked of the subsidy rules ("can i get 50% rent subsidy": no, 25%; "kya
        internet subsidy 100% hai": yes), from the rules' own fields, when the answer states that figure. A short
        question that names no rule asks it of the rule the answer is about ("is it 50 percent?" after the internet
        subsidy: no, 100%)."""
        if (not (reading.is_yes_no(question) or _HEARD_SAID.search(question) or _TAG_ASKED.search(question))
                or _NOT_THE_FIGURE.search(question) or _UNCOVERED_GROUP.search(question)):
            return None  # (whether a freelancer or a student gets it at all is not the rule's figure)
        named = self.directory.find_subsidies(question)
        rules = [r for r in self.directory.subsidies if str(r.get("id")) in named] or (
            self.directory.subsidies if _RULE_NOUN.search(question) else [])
        answered = self.directory.rules_answered(record_id)
        of_answer = False
        if (not rules and answered and len(question.split()) <= FIGURE_FOLLOW_UP_WORDS
                and not {t for t in tokenize(question) if not t.isdigit()} - _figure_only_tokens()
                - answers.function_tokens() - number_tokens() and not _PAYS.search(question)):
            # nothing but the figure, "it", and getting it: "do i pay 75 percent then?" or "is GST 17 percent?" asks
            # something else of the figure
            rules, of_answer = answered, True
        shares, spans = list(_SHARE_ASKED.finditer(question)), list(_SPAN_ASKED.finditer(question))
        if rules and len(shares) == 1 and len(spans) == 1:
            # a share and a span of one rule ("50% rent subsidy for 3 years right?"): no if either is not the rule's
            told = [self._figure_verdict(re.sub(re.escape(other.group(0)), " ", question), text, record_id)
                    for other in (spans[0], shares[0])]
            return "answer_no" if "answer_no" in told else ("answer_yes" if told == ["answer_yes"] * 2 else None)
        if not rules or len(shares) + len(spans) != 1:
            return None  # (two figures, "rent 100% and internet 25%", are two claims: the answer's figures say)
        figure = (shares or spans)[0]
        near = question[max(0, figure.start() - FIGURE_REACH):figure.end() + FIGURE_REACH]
        if not of_answer and not _RULE_WORDS.search(near.replace(figure.group(0), " ")):
            return None
        if shares:
            asked, field = number_value(figure.group(1)), "amount_pct"
        else:
            asked, field = number_value(figure.group(1)) * (12 if figure.group(3) else 1), "duration_months"
        figures = {r.get(field) for r in rules}
        if None in figures or not any(str(f) in text for f in figures):
            return None  # (the answer must show the figure that decides it)
        if figures == {asked}:
            return "answer_yes"
        return "answer_no" if asked not in figures else None

    def _item_asked(self, answer: Answer, response: SearchResponse, slot: str | None, question: str,
                    lang: Lang) -> bool:
        """A detail asked (a phone number, an address, a fee, hours, a name): the record's sentence that holds it
        leads, read from any section of the record; when none does, say so first and offer a person. Returns
        whether the detail was said not known."""
        if not slot:
            return False
        evidence = _SLOT_EVIDENCE[slot]
        if answer.known and answer.sources and not evidence.search(answer.text):
            # "mardan stp timings": the record's sentence that holds the hours, which the cut to the focus left out
            lead = next((r for r in response.results if r.record_id == answer.sources[0].id), None)
            held = next((sentence for sentence in self._record_sentences(lead, lang)
                         if evidence.search(sentence) and not answers.says_not_known(sentence)
                         and not _SOURCES_LACK.search(sentence)), None) if lead is not None else None
            if held is not None:
                _, sep, cited = answer.text.rpartition("\n\n")
                answer.text = f"{held}{sep}{cited}" if sep else held
        if answer.known and evidence.search(answer.text):
            # "the park manager is ...": the sentences that hold the detail, not the record's other news
            answer.text = self._only_with(answer.text, evidence, question)
            if slot == "deadline" and (asked := days_named(question)):
                # "sunday ko khula hota hai?": the record's sentence naming that day ("It is closed on Sundays.")
                lead = next((r for r in response.results if r.record_id == answer.sources[0].id), None)
                body, sep, cited = answer.text.partition("\n\n")
                days = [sentence for sentence in self._record_sentences(lead, lang)
                        if asked & days_named(sentence) and sentence not in body] if lead is not None else []
                if days:
                    answer.text = f"{body} {days[0]}{sep}{cited}"
            return False
        answer.missed = True
        # asked for a detail our answer does not hold: say so first, then what we do know of what the question names
        # (of nothing named, "stp timings? open on saturday?", another record's news is padding: the note alone)
        note = say(f"missing_{slot}", lang)
        named_rules = self.directory.find_subsidies(question)  # "rent kitna h": the rent; not a co-working hub's fee
        a_rules_own = bool(answer.sources) and answer.sources[0].id in self.directory.rule_records
        rules = self.grounded.compose_subsidies(lang, only=named_rules) if (
            slot == "fees" and named_rules and not a_rules_own) else None
        if rules is not None:
            # "rent kitna h", "uska rent?": no amount, and what the rules say of it (25% of the rent for the first
            # 12 months), not the last record again
            answer.text, answer.sources, answer.known = f"{note}\n\n{rules.text}", rules.sources, False
            return True
        named = bool(self.directory.find_places(question) or self.directory.find_parks(question))
        of_a_park = slot in _NOTE_ONLY_SLOTS and bool(self.directory.parks_meant(question) or (
            self.directory.find_cities(question) and _PARKISH.search(question)))
        if answer.known and (named or slot not in _BARE_SLOTS) and not of_a_park:
            # the note, then one sentence of what is known of the place or thing named, not its whole record ("any
            # vacancies today in lhr stp": not known, then that Lahore has STPs; not also its share of IT companies)
            body, sep, cited = answer.text.rpartition("\n\n") if answer.sources else (answer.text, "", "")
            first = answers.sentences(body.split("\n\n")[0])[:1]
            answer.text = f"{note}\n\n{first[0] if first else body}{sep}{cited}"
        elif answer.known:
            answer.text, answer.sources = note, []  # (no record's text is shown: none is cited)
        else:
            answer.text = note  # (a record that says the detail is not known: the note says it in our words)
        answer.known = False
        return True

    def _asks_every_rule(self, question: str, focus: str | None, intent: Intent, places: dict[str, str]) -> bool:
        """Which subsidies there are, of no rule, park or place in particular ("stp me kya kya subsidy milti h", "what
        subsidies do startups get", "subsidy kya hai")."""
        # (not how to get them, "subsidy kya hai aur kaise milegi"; nor for women, whose park is in Bagh)
        return bool(((_WHICH_RULES.search(question) and _RULE_NOUN.search(question)) or _WHAT_IS_RULE.search(question))
                    and (focus in _GROUP_FOCI or answers.has_words(question, "list")) and not intent.missing_slot
                    and not intent.women and not reading.has(question, "how")
                    and not places and not self.directory.find_subsidies(question)
                    and not self.directory.parks_meant(question))

    def _on_subsidy(self, context: dict[str, Any]) -> bool:
        """Whether the last answer came from a subsidy rule's records."""
        last = str(context.get("last_record") or "")
        return last in self.directory.rule_records

    @staticmethod
    def _their(question: str, context: dict[str, Any]) -> str:
        """A pronoun for people, in a question about a park, after a question about women is the women ("unka alag
        park bhi h?" after "stp me larkiyan kitne percent hen": the women's own park), written as the user wrote
        them."""
        last = str(context.get("last_query") or "")
        if (not last or "women" not in answers.foci_of(last) or "women" in answers.foci_of(question)
                or not _PARKISH.search(question)):
            return question  # "when were they built?" is not about the women
        women = next((w for w in last.split() if "women" in answers.foci_of(w)), None)
        return _THEIR.sub(women, question, count=1) if women else question

    def _asked_park(self, answer: Answer, question: str, context: dict[str, Any]) -> Park | None:
        """The park whose record answers, when it is the park asked about (named, in the city named, or the previous
        turn's): "who was the minister that gave the update" is not asked of a park."""
        record = answer.sources[0].id if answer.sources else ""
        park_id = record.removeprefix("park:")
        park = self.directory.park(park_id) if record.startswith("park:") else None
        if park is None or not (park_id in self.directory.parks_meant(question) or context.get("last_park") == park_id
                                or park.city("en") in self.directory.find_cities(question)):
            return None
        return park

    def _field_line(self, answer: Answer, focus: str | None, lang: Lang, question: str,
                    context: dict[str, Any]) -> str | None:
        """"Who runs it" or "who is it for", asked of the park asked about, whose record names its operator or who
        it serves (structured fields, as figures are): that line, in the user's language; None otherwise ("who can
        use it" after the Bagh park repeated where it is)."""
        park = self._asked_park(answer, question, context) if focus in ("who", "for_whom") else None
        if park is None:
            return None
        if focus == "for_whom":
            # ("who can apply for the women only park": "women" names the park, and asks nothing of it)
            if set(answers.foci_of(question)) - {"for_whom", "who", *(("women",) if park.women_only else ())}:
                return None  # ("how big is that womens park and who is it for": its record says both)
            told = park.field("serves", lang).rstrip(".۔ ")
            if _LABELLED.match(told):
                # "Women only: women entrepreneurs, ...": its own label, not "For: Women only: ..."
                return f"{told}{'۔' if lang == 'ur' else '.'}"
            return say("serves_line", lang, serves=told) if told else None
        name = park.field("operator", lang)
        return say("run_by", lang, operator=name) if name else None

    def _park_figure(self, answer: Answer, focus: str | None, lang: Lang, question: str,
                     context: dict[str, Any]) -> tuple[str, float] | None:
        """The asked figure of the park asked about, from its own current field, in the user's language ("US$186
        million", its value); None when the record is no park's own, or the field has no such figure."""
        f = answers.FOCUS_BY_NAME.get(focus or "")
        if f is None or focus not in _FIGURE_FIRST or (lang == "roman_ur" and focus not in _LABELLED_FIGURES):
            return None  # (a figure's words are English or Urdu: in Roman Urdu only a label and a number)
        park = self._asked_park(answer, question, context)
        if park is None:
            return None
        row = next((r for r in park.data.get("figures") or [] if r.get("current") and r.get("key") in f.figures), None)
        said = localized(row.get("text"), lang) if row else ""
        return (said, float(row.get("value") or 0)) if said and row is not None else None

    @staticmethod
    def _figure_first(field: tuple[str, float], answer: Answer, focus: str | None, lang: Lang) -> str | None:
        """The park's figure as a line of its own ("Cost: US$186 million.") when the answer's lead sentence gives
        another figure before it ("karachi it park ki cost?" led with its size); None when it starts with it."""
        said, value = field
        first = amounts(answers.sentences(answer.text.split("\n\n")[0])[0])
        if first and abs(first[0] - value) <= CLOSE_ENOUGH * max(first[0], value):
            return None  # the fact is first already
        return say(f"figure_{focus}", lang, value=said[:1].upper() + said[1:])

    def _not_open(self, question: str, park_id: str, focus: str | None, lang: Lang, *, asked: bool) -> str | None:
        """A park that is not open, asked whether it has opened ("karachi it park khul gaya kya") or whether there
        is one ("karachi me koi IT park hai?"): its status field answers first, with the year it is due, so a
        description of a park being built never reads as a park one can walk into. Being built answers "has it
        opened" with no. None otherwise (also for a plan: whether it was built is undecided, as its record says)."""
        park = self.directory.park(park_id)
        if park is None or park.status in ("", "operational"):
            return None
        # ("peshawar me stp hai?": a city whose only park is a plan is asked about that plan)
        only = not any(p.status in ("", "operational") for p in self.directory.parks_where(city=park.city("en")))
        if not (asked or park_id in self.directory.parks_meant(question) or only):
            return None  # (a city's question, "is there an IT park in Karachi", is not about its unopened park)
        opened = reading.has(question, "open")
        if focus == "when" and (opened or _BUILT_BY.search(question)) and not reading.is_yes_no(question):
            # "isb it park kab tak ready hoga", "when will isb it park open": a due year already past reads as
            # opened, unless the status comes first ("still being built (it was due in 2025)")
            past = self._due_year(park)
            return say("still_built", lang, park=park.name(lang), when=say("was_due", lang, year=str(past))) if (
                past is not None and past < dt.date.today().year) else None
        if focus is not None or not reading.is_yes_no(question):
            return None
        if not (opened or reading.asks_existence(question, self.directory.place_tokens)):
            return None
        if park.status == "planned":
            # ("is the peshawar innovation park complete?": an old article's plan, which may have been built since)
            name = re.sub(r"\s*\([^)]*\)", "", park.name(lang)).strip()  # (not "(planned)": the sentence says so)
            if opened:
                return say("plan_not_known", lang, park=name)
            return say("only_planned", lang, city=park.city(lang)) if only else None
        year = self._due_year(park)
        if year is None:
            return None  # a status no date backs
        when = say("due_by" if year >= dt.date.today().year else "was_due", lang, year=str(year))
        line = say("still_built", lang, park=park.name(lang), when=when)
        # "will it open by 2027?" asks about the future, which "still being built" does not answer with a no
        return line if _FUTURE.search(question) or not opened else f"{say('answer_no', lang)} {line}"

    @staticmethod
    def _due_year(park: Park) -> int | None:
        """The year the park's current figures say it is due to be complete."""
        return next((int(f["value"]) for f in park.data.get("figures") or []
                     if f.get("key") == "completion_year" and f.get("current")), None)

    def _unanswered(self, question: str, answer: Answer) -> str | None:
        """Whether the record answering says nothing of what the question is about: none of the question's
        telling words (the rare ones) is in it, and either the question asks how something is done ("claim",
        "داخلہ", "admission") or one of those words is a real word that no passage of the knowledge uses at all
        ("generator", "hostel", "پارکنگ"). Then that is said first: ``how`` or ``nothing``, else None. Only the
        sentences that ask count ("I'm a tech graduate from Lahore. Is there an STP in Quetta?")."""
        # ("my sister is a graphic designer, can she use the bagh park?": the profession is told, not asked)
        question = reading.after_telling(reading.asking_part(question))
        if answers.focus_of(question) is not None or answers.has_words(question, "count"):
            return None  # a figure asked: the figure logic decides what is missing
        how = reading.has(question, "how") and not _HOW_MUCH.search(question)
        snapshot = self.retriever.index.lexical()
        skip = function_words() | answers.park_tokens() | greeting_tokens()
        telling: dict[str, str] = {}
        for word in re.findall(r"[^\W\d_]+", question.lower()):
            token = next(iter(tokenize(word)), "")
            if (token and token not in skip and snapshot.weight(token) >= HOW_WORD_WEIGHT
                    and not reading.has(word, "how") and not reading.has(word, "pointer")
                    and token not in self.directory.place_tokens):
                telling[token] = word
        # a real word of some length that no passage uses (not "whos", "shud", a typo), and no telling word that
        # some passage does use: "generator backup for loadshedding", not "why r they putting stps in small towns"
        nowhere = any(len(w) >= NOWHERE_LENGTH and (not w.isascii() or w in word_logprobs())
                      for t, w in telling.items()) and not any(snapshot.holds(t) for t in telling)
        if not (how or nowhere) or _script(question) != _script(answer.text):
            return None  # (an Urdu question answered from an English file: its words cannot be compared)
        # compared by spelling key and by the word as written ("womens" keys as a Roman word, "women" does not)
        said = {singular(t) for t in tokenize(answer.text)} | {singular(w) for w in re.findall(r"[^\W\d_]+",
                                                                                          answer.text.lower())}
        if {singular(t) for t in telling} & said or {singular(w) for w in telling.values()} & said:
            return None
        return "how" if how else "nothing"

    @staticmethod
    def _only_in_english(answer: Answer, lang: Lang) -> bool:
        """Whether the answer's first paragraph is English while the user writes Urdu (an office's file) or Roman
        Urdu (a file, or a document the knowledge gives in English only)."""
        first = answer.text.split("\n\n")[0]
        if lang == "ur":
            return answer.sources[0].id.startswith("file:") and not _URDU_LETTER.search(first)
        # (a listing row's fields are English labels, even when the values are names: "STP X: manager Sana Malik.")
        return lang == "roman_ur" and (detect_scores(first)["en"] >= ENGLISH_BODY or (
            answer.sources[0].id.startswith("file:") and answers.listing_fields(first) is not None))

    @staticmethod
    def _only_with(text: str, evidence: re.Pattern[str], question: str) -> str:
        """``text`` with only the sentences of its answer that hold ``evidence`` (the detail asked, found in a
        record that says other things too: "mardan wale park ka manager kon hai" is not told when it opened)."""
        body, sep, cited = text.partition("\n\n")
        parts = answers.sentences(body)
        if answers.listing_fields(body) is not None:
            # a listing row's fields: also those the question names besides the detail ("manager aur number")
            asked = set(tokenize(question))
            kept = [p for p in parts if evidence.search(p) or asked & set(tokenize(answers.field_label(p)))]
        else:
            kept = [p for p in parts if evidence.search(p)]
        if not kept or len(kept) == len(parts):
            return text
        return " ".join(kept) + sep + cited

    def _compared_parks(self, question: str, focus: str | None) -> list[str]:
        """Two or more parks a question sets side by side: parks it names, and for "the Karachi one" /
        "کراچی والے" the park of the same kind in each other city it names."""
        named = self.directory.find_parks(question)
        if not named:
            return self._compared_cities(question, focus)
        parks = list(named)
        kinds = {str(park.data.get("kind")) for p in named if (park := self.directory.park(p)) is not None}
        cities_named = {park.city("en") for p in named if (park := self.directory.park(p)) is not None}
        for city in self.directory.find_cities(question):
            there = self.directory.parks_where(city=city)
            same = [p.id for p in there if str(p.data.get("kind")) in kinds]
            if len(same) != 1 and len(there) == 1 and city not in cities_named:
                same = [there[0].id]  # "is bagh women park bigger than islamabad it park?": a city's one park
            if len(same) == 1 and same[0] not in parks:
                parks.append(same[0])
        return parks

    def _cities_compared(self, question: str) -> list[str]:
        """The cities a question sets side by side: two or more named in the sentences that ask, with a compare
        word, "or"/"vs" or "which" ("our company is registered in lahore. can we take space in the quetta stp or is
        it only for local firms" compares nothing); [] otherwise."""
        cities = self.directory.find_cities(reading.asking_part(question))
        return cities if len(cities) >= 2 and (reading.has(question, "compare") or _WHICH_ONE.search(question)
                                               or _EITHER.search(question)) else []

    def _compared_cities(self, question: str, focus: str | None) -> list[str]:
        """"which has more it companies faisalabad or quetta", "faisalabad aur quetta compare kro": two cities set
        side by side (a compare word, "or", "vs", "which"), each by its one park, or by its park whose figures hold the
        item asked ("karachi" has several); [] when a city has no such park."""
        cities = self._cities_compared(question)
        if not cities:
            return []
        f = answers.FOCUS_BY_NAME.get(focus or "")
        keys = set(f.figures) if f is not None else set()
        kind = _KIND_NAMED.get(next((k for k in _KIND_NAMED if re.search(k, question, re.I)), ""))
        parks: list[str] = []
        for city in cities[:3]:
            here = self.directory.parks_where(city=city)
            held = [p for p in here if keys & {str(x.get("key")) for x in p.data.get("figures") or []}]
            of_kind = [p for p in here if kind and p.data.get("kind") == kind]
            chosen = held if len(held) == 1 else of_kind if len(of_kind) == 1 else here if len(here) == 1 else []
            if not chosen:
                return []
            parks.append(chosen[0].id)
        return parks

    def _largest(self, focus: str) -> list[str]:
        """The two parks with the largest current figure for the item (a size), largest first."""
        f = answers.FOCUS_BY_NAME[focus]
        held = [(float(x["value"]), p.id) for p in self.directory.parks for x in p.data.get("figures") or []
                if x.get("key") in f.figures and x.get("current")]
        return [park_id for _, park_id in sorted(held, reverse=True)[:2]]

    def _compare(self, park_ids: list[str], question: str, focus: str | None, lang: Lang) -> Answer | None:
        """One line per park from its own record: the sentence that holds the focused item, else "not given" (with
        no item, "isb aur khi park me kya difference hai": what each park is); then which is higher, when every park
        has a current figure for the item."""
        def pick(park: Park, text: str) -> str:
            if focus is None:
                return answers.sentences(answers.strip_opener(text))[0]
            if focus == "who" and (runs := park.field("operator", lang)):
                # its own field ("karachi aur islamabad it park kon chala raha hai" said "not given" of both)
                return say("run_by", lang, operator=runs)
            found = answers.sentence_with(text, focus)
            return found if found is not None else say("not_known_item", lang, item=say(f"item_{focus}", lang))

        compared = self.grounded.compose_parks(park_ids[:3], lang, pick)
        # "which one costs less", "konsa sasta hai": the lower of the two, not the higher
        lower = bool(_LESS_ASKED.search(question)) and not _MORE_ASKED.search(question)
        higher = self._higher(park_ids[:3], focus, lang, lower=lower)
        if compared is not None and higher is not None:
            verdict, top, whole = higher
            if reading.is_yes_no(question) and (_MORE_ASKED.search(question) or lower):
                # "is the islamabad it park bigger than the karachi one": whether the first named is the higher (the
                # lower, "is the isb one cheaper")
                verdict = f"{say('answer_yes' if top == self._said_first(park_ids, question) else 'answer_no', lang)} "\
                          f"{verdict}"
            _, sep, cited = compared.text.rpartition("\n\n")
            # the verdict gives both figures as their records write them: each park's sentence on it again is
            # padding on a phone (590 characters for "which is bigger"); a figure given as a bare number keeps them
            compared.text = f"{verdict}{sep}{cited}" if whole and sep else f"{verdict}\n\n{compared.text}"
        return compared

    def _said_first(self, park_ids: list[str], question: str) -> str:
        """Of the parks compared, the one the question names first (by its city: "is bagh women park bigger than
        islamabad it park?" asks of Bagh's), what a yes or no is about."""
        lowered = question.lower()

        def at(park_id: str) -> int:
            park = self.directory.park(park_id)
            spots = [lowered.find(w) for w in spellings(park.city("en")) if w and w in lowered] if park else []
            return min(spots, default=len(lowered))

        return min(park_ids, key=at)

    def _higher(self, park_ids: list[str], focus: str | None, lang: Lang, *, lower: bool = False
                ) -> tuple[str, str, bool] | None:
        """"Higher: Karachi IT Park (1.12 million sq ft, against 720,000 sq ft for Islamabad IT Park)": the parks' own
        current figures for the item, when each has one of the same key; the higher park, and whether both figures
        are given as their records write them (not as bare numbers)."""
        f = answers.FOCUS_BY_NAME.get(focus or "")
        if f is None or not f.figures or len(park_ids) != 2:
            return None
        found = []
        figures = []
        for park_id in park_ids:
            park = self.directory.park(park_id)
            figure = next((x for x in (park.data.get("figures") or [] if park else [])
                           if x.get("key") in f.figures and x.get("current")), None)
            if park is None or figure is None:
                return None
            figures.append(figure)
            text = figure.get("text") or {}
            said = str(text.get("ur" if lang == "ur" else "en") or text.get("en") or "")
            # (a long figure text, "455 IT/ITeS companies registered with PSEB in Faisalabad (whole city)", is the
            # park's own line below; the verdict gives the number)
            shown = said if 0 < len(said) <= SHORT_FIGURE else f"{float(figure['value']):,.0f}"
            found.append((float(figure["value"]), str(figure["key"]), park.name(lang), shown, park_id))
        (a, key_a, name_a, text_a, top), (b, key_b, name_b, text_b, _) = sorted(found, reverse=not lower)
        if key_a != key_b or a == b:
            return None
        if f.name == "when":
            return None  # (a year due is no "higher": the one due first, Islamabad's 2025, is overdue and not open)
        side = "lower" if lower else "higher"
        word = f"{side}_{f.name}" if f"{side}_{f.name}" in TEXTS else side
        whole = all(0 < len(str((x.get("text") or {}).get("ur" if lang == "ur" else "en") or "")) <= SHORT_FIGURE
                    for x in figures)
        return say(word, lang, park=name_a, value=text_a, other=name_b, other_value=text_b), top, whole

    def _park_of(self, hit: SearchResult) -> str | None:
        """The park a record is about: its own park, or the park an FAQ entry is mainly about (not a park the
        entry merely relates to, so "how many jobs?" after a policy does not jump to a park it mentions)."""
        if hit.metadata.get("park"):
            return str(hit.metadata["park"])
        first = str(hit.metadata.get("related", "")).split(",")[0]
        if first and self.directory.park(first) and hit.record_id in self.directory.records_about(first):
            return first
        return None

    def _continues(self, question: str, fragment: reading.Reading, context: dict[str, Any], lang: Lang) -> bool:
        """A message that the classifier finds out of the domain, but that goes on from the previous answer: in
        a few words the knowledge itself uses ("which provinces", "names of the towns?"), pointing back at the last
        answer with a telling word of it ("یہ مہینے ہمارے آنے کے دن سے گنے جائیں گے؟": "these months" of the
        subsidy just given), or quoting one of its figures as heard ("pehle to 43 sune the" after the count of
        parks); not a new topic ("weather kaisa hai", "mera bhai 12 saal ka hai"), which still gets the
        out-of-scope reply."""
        if not context.get("last_query"):
            return False
        if 0 < len(fragment.content) <= 3 and self._knows(fragment.content):
            return True
        last = self.retriever.index.section(str(context["last_record"]), lang, 0) if context.get(
            "last_record") else None
        if last is None:
            return False
        said = set(tokenize(last.page_content))
        tokens = set(tokenize(question))
        if reading.points_back(question, english=detect(question) == "en"):
            # a word of the question's own (not a function, pointer or place word) that the last answer used
            named = {t for t in tokens if len(t) > 2} - function_words() - answers.function_tokens() \
                - reading.pointer_tokens() - self.directory.place_tokens
            snapshot = self.retriever.index.lexical()  # (everyday words many passages use, "naam", say nothing)
            if any(snapshot.weight(t) >= TELLING_WEIGHT for t in named & said):
                return True
        # a figure of the last answer, quoted back as heard elsewhere ("pehle to 43 sune the", "پہلے تو 43 بتاتے تھے")
        figures = {t for t in tokens if t.isdigit() and not (len(t) == 4 and t[:2] in ("19", "20"))}
        return bool(figures & said) and bool(_HEARD.search(question))

    def _new_topic(self, question: str, fragment: reading.Reading, intent: Intent) -> bool:
        """A short question read as an attribute of the last answer that neither points back nor asks a detail
        the parks have, and names something no passage mentions ("kal match kon jeeta", "who won the cricket
        yesterday"): its own subject, outside ours. "inko kon dekhta h" points back; "size?" is known."""
        if intent.in_domain or intent.name != "question" or intent.missing_slot or reading.points_back(
                question, english=detect(question) == "en"):
            return False
        snapshot = self.retriever.index.lexical()
        held = [snapshot.holds(t) for t in fragment.content if len(t) > 2]
        # (one unknown word is a typo or a chat word: "for how long tho", "pehle kitna btaya tha")
        return held.count(False) >= NEW_TOPIC_WORDS and held.count(False) > held.count(True)

    def _knows(self, words: tuple[str, ...]) -> bool:
        """Whether the knowledge uses every one of these words."""
        snapshot = self.retriever.index.lexical()
        return all(snapshot.holds(t) for t in words)

    def _fragment(self, question: str, places: dict[str, str], context: dict[str, Any], focus: str | None
                  ) -> reading.Reading:
        """How the message leans on the previous turn (``none`` when there is no previous entity)."""
        if not context.get("last_query"):
            return reading.Reading("none")
        found = reading.read(question, names_place=bool(places), names_park=bool(self.directory.find_parks(question)),
                             english=detect(question) == "en", focus=focus,
                             names_subject=bool(self.directory.find_subsidies(question)
                                                or self.directory.find_named(question, "faq")))
        return found  # ("tell me more" after a list or the subsidy rules: the last question's search, at length)

    def _choose(self, question: str, response: SearchResponse, focus: str | None, places: dict[str, str],
                lang: Lang, *, rule_asked: bool = False, pointed: str | None = None) -> SearchResponse:
        """The record that answers this question leads, the others step back.

        Among the close top hits, one that holds the question's focused item (a size when a size is asked)
        is preferred, as is, for a network-wide question ("total", "overall", "سب ملا کے"), one that is not
        a single park's or city's record, and a figure of a named park comes from the park's own record.
        An FAQ entry the question names by alias leads (see :meth:`_entry_named`).
        Nothing else overrides the ranking: preferences for title words or a record's script moved the
        lead to the wrong record more often than to the right one on questions they were not tuned on.
        """
        response = self._without_other_rows(response, places.get("city"))
        entry = self._entry_named(question)
        named = self.directory.parks_meant(question) or [p for p in (pointed, self._province_park(places)) if p][:1]
        staff = any(r.record_id.startswith(STAFF_FAQ) for r in response.results[:5])
        # (staff's own answer competes; "is the wifi paid by govt" asks what a subsidy pays, not a facility)
        every = self.directory.of_every_park(question) if not staff and not (
            _COST_WORDS.search(question) and self.directory.find_subsidies(question)) else None
        city = places.get("city")
        files = self._files_about(city) if city and city not in self.directory.cities_with_parks() else []
        if _PARKISH.search(question):  # "mardan stp timings": the office's file about its park, not a news item
            files = [f for f in files if self._about_a_park(f)] or files
        if files:
            # "mardan stp ka contact number" after a file about the Mardan STP was ingested: the curated records
            # know no park there, the file does; of its sections, the one this question matches best
            led = self._lead_section(response, files, lang)
        elif city and not named and (here := self._city_parks(city)) and (
                (reading.is_yes_no(question) and reading.asks_existence(question, self.directory.place_tokens))
                or (focus in answers.PLACE_FOCI and not self._city_parks(city, running_kinds=True))):
            # "sialkot me stp h? bhai wahan software house khol rha": the city's park answers, not the FAQ entry
            # that lists every city; "where is the stp in peshawar exactly": Peshawar's park, planned, not the
            # Rawalpindi record's "no location" that "where ... exactly" matched
            led = self._lead_entry(response, [r for park in here for r in self.directory.records_about(park)], lang,
                                   focus)
        elif entry is not None:
            led = self._lead_entry(response, [entry], lang)
        elif (not named and not places and _WHICH_CITIES.search(question) and _PARKISH.search(question)
              and not _SOME_PARKS.search(question)
              and (cities := self.directory.faq_with("every_city")) is not None):
            # "which cities have software technology parks", "software park kon kon se shehron me hai": every place
            # the sources link parks to, not the one city's record whose title the words matched
            led = self._lead_entry(response, [f"faq:{cities['id']}"], lang)
        elif (reading.asks_how_to_apply(question) and focus is None and not staff
              and self.directory.ends_with_application and (reading.has(question, "park") or (named and all(
                  (park := self.directory.park(p)) is not None and park.data.get("kind") == "stp" for p in named)))):
            # "how can i apply there" after the Bagh park, "karachi it park me apply kaise karen": how applying works
            # (the sources give no steps; the bot takes an application), not the park's description again (an
            # incubator's intake, "NIC me apply kaise", is its own record's to say)
            led = self._lead_entry(response, sorted(self.directory.ends_with_application), lang)
        elif every is not None:
            # "bagh park me parking hai?": what the sources say of parking at any park, not the park's description
            led = self._lead_entry(response, [f"faq:{every}"], lang)
        elif (len(named) == 1 and focus not in answers.FIGURE_FOCI and self._only_place(question, named[0])
              and not self.directory.find_subsidies(question) and not self.directory.find_named(question, "faq")
              and not staff):
            # (a subsidy rule asked of the park, "karachi it park me internet subsidy?", is the rule's answer)
            # one park named ("لڑکیوں والا ایس ٹی پی کہاں ہے", "gilgit wala park kis ne banaya"): its records answer
            # (unless staff wrote an answer for such a question: it competes below); the park's name alone ("karachi
            # it park"): what it is, its own record, not the entry on when it opens
            about = self.directory.records_about(named[0])
            whole = focus is None and self._names_only(question, named[0])
            led = self._lead_entry(response, self._about_it(about) if whole else about, lang, focus)
        elif (not named and _UNCOVERED_GROUP.search(question) and (_RULE_NOUN.search(question) or rule_asked)
              and not (_WHAT_IS.search(question) or _WHAT_IS_RULE.search(question))
              and focus in _GROUP_FOCI and not answers.has_words(question, "count")
              and (qualifies := self.directory.faq_with("who_qualifies")) is not None):
            # whether a group the rules may not cover gets one ("can a freelancer get the rent subsidy", "upwork
            # seller here can i get rent subsidy"): who qualifies, not the rule's 25% alone, which reads as a yes
            led = self._lead_entry(response, [f"faq:{qualifies['id']}"], lang, focus)
        elif (not named and THEY_MAY.search(question) and not _RULE_NOUN.search(question)
              and not _FREELANCE.search(question) and (may := self.directory.faq_with("who_may")) is not None):
            # whether another group may take space ("can a foreigner rent an office in an stp?"): what the sources
            # say of who may, not the rent subsidy that "rent" matches (freelancers have an entry of their own)
            led = self._lead_entry(response, [f"faq:{may['id']}"], lang, focus)
        elif (focus == "duration" and not named and not self.directory.find_subsidies(question)
              and _RULE_NOUN.search(question) and (every_rule := self._about_every_rule(response))):
            # how long "the subsidy" lasts, of no rule in particular ("subsidy 2 saal tak milti hai na?"): a record
            # about all of them that says it, not one rule's record that also gives its months
            led = self._lead_entry(response, every_rule, lang, focus, in_order=True)
        elif len(rules := self.directory.find_subsidies(question)) == 1 and not named and (
                rule_asked or _SUBSIDY_WORDS.search(question)):
            # one subsidy rule named as a cost ("ایس ٹی پی میں نیٹ کا بل کون دیتا ہے", "kiraye pe chhoot"): its records
            # answer ("can a freelancer rent a desk" names no rule; "aur kiraye pe?" after a rule does)
            led = self._lead_entry(response, self.directory.records_about(rules[0], "subsidy"), lang, focus)
        elif (len(named) == 1 and focus in answers.FIGURE_FOCI and self._only_place(question, named[0]) and not staff
              and not any(r.record_id in (own_records := self.directory.records_about(named[0]))
                          and self._holds(r, focus, lang) for r in response.results[:3])):
            # a figure of the one park named, whose records the question's other words ranked below the city's
            # other records ("کراچی آئی ٹی پارک کتنے رقبے پر بن رہا ہے": "کتنے" matches "how many STPs in Karachi"),
            # or only its records that lack it ("... کتنے کا بن رہا ہے اور کب کھلے گا" led by the opening's entry, which
            # said the cost is not given): the park's own records answer, or say the figure is not known
            led = self._lead_entry(response, own_records, lang, focus)
        elif not named and (leads := [f for f in self.directory.find_named(question, "faq")
                                      if f in self.directory.leads_when_named]):
            # an entry that answers whenever its subject is named ("the tax exemption on IT exports is till 2030
            # right?": the sources describe no tax break; not the export figures the other words match)
            led = self._lead_entry(response, [f"faq:{leads[0]}"], lang, focus)
        else:
            led = None
        if led is not None:
            return led
        results = response.results
        # a count of parks with no place named ("pseb ne kitne stp banaye") is the network's count too
        network = (answers.has_words(question, "network") or focus == "parks") and not places and not named
        counted = self.directory.faq_with("network_count") if network and focus == "parks" else None
        stated = amounts(question) if counted is not None else []
        if counted is not None and len(stated) == 1 and not any(
                stated[0] in amounts(self._answer_text(r, lang)) for r in results[:5]):
            # a count of parks put to the test that no hit states ("suna hai 70 stp hain" found Sukkur's 25 new parks,
            # the economic survey): the entry that states the network's count answers it ("25 naye stp" is the 25
            # new parks' own record)
            led = self._lead_entry(response, [f"faq:{counted['id']}"], lang, focus)
            if led is not None:
                return led
        if len(results) < 2:
            return response
        if not named and places.get("city"):
            named = [p.id for p in self.directory.parks_where(city=places["city"])]
        own = {f"park:{p}" for p in named}
        figure = answers.FOCUS_BY_NAME[focus].number if focus in answers.FOCUS_BY_NAME else False
        about_women = "women" in answers.foci_of(question) or bool(named and any(
            p.women_only for p in (self.directory.park(i) for i in named) if p is not None))

        def weight(hit: SearchResult) -> float:
            w = hit.score
            if about_women != ("women" in answers.foci_of(hit.title)):
                # "how many ppl work in stps overall" is not asked about women; "خواتین کتنے فیصد" is
                w *= SUBJECT_PENALTY
            if figure and hit.record_id in own:
                w *= NAME_PREFERENCE  # a figure of a named park: its own record's structured fields
            if focus and answers.states(self._answer_text(hit, lang), focus):
                w *= FOCUS_PREFERENCE
            local = self._is_local(hit)
            if (network and local) or (figure and own and not network and not local):
                # a network-wide question is not answered by one city's record, nor a figure of a named city or
                # park ("aur quetta me kitne?") by the network's total
                w *= SCOPE_PENALTY
            if hit.record_id.startswith(STAFF_FAQ):
                w *= STAFF_ANSWER_PREFERENCE
            if lang == "roman_ur" and hit.kind in ROMAN_WRITTEN:
                w *= ROMAN_PREFERENCE  # written in Roman Urdu too: the reply is in the user's own language
            return w

        # a staff answer among the top five competes too: the named park's records are lifted above it
        # (the network's count of parks asked: a record among the top five that states a count competes too, "kitne
        # park hain" ranked it fourth behind three records without one)
        best = max([*results[:3], *(r for r in results[3:5] if r.record_id.startswith(STAFF_FAQ) or (
            network and focus == "parks" and answers.has_words(question, "count")
            and answers.states(self._answer_text(r, lang), focus)))], key=weight)
        rest = [dataclasses.replace(r, score=r.score * DEMOTE) for r in results if r is not best]
        return SearchResponse(response.query, response.language, [best, *rest])

    def _it_park_meant(self, question: str, places: dict[str, str], context: dict[str, Any], focus: str | None
                       ) -> str | None:
        """"karachi me it park kahan hai", "IT park wala kab tk?" after Karachi's STPs: the big IT park of the city
        named or just talked about (the city's STP record says only that its STP sites are not listed), not the
        park talked about. Not whether a city has one ("is there an it park in karachi": its parks, the STPs
        running too), nor a park named in the question."""
        if (not says_it_park(question) or self.directory.find_parks(question) or _SAME.search(question)
                or (reading.is_yes_no(question) and focus not in answers.PLACE_FOCI)):
            return None  # ("وہ آئی ٹی پارک والا ہی ہے کیا": whether the park talked about is the IT park)
        city = places.get("city") or str(context.get("last_city") or "")
        return self.directory.it_park_of({city}) if city else None

    def _city_parks(self, city: str, *, running_kinds: bool = False) -> list[str]:
        """The city's parks ("stp", technology and IT parks), else (unless ``running_kinds``) whatever park it has
        (Peshawar's planned innovation park: where it is asked, its record answers, not another city's)."""
        parks = self.directory.parks_where(city=city)
        kinds = [p.id for p in parks if p.data.get("kind") in PARK_KINDS]
        return kinds if kinds or running_kinds else [p.id for p in parks]

    def _province_park(self, places: dict[str, str]) -> str | None:
        """The one park of a province named without a city (AJK: the Bagh park), else None."""
        if places.get("city") or not places.get("province"):
            return None
        parks = self.directory.parks_where(province=places["province"])
        return parks[0].id if len(parks) == 1 else None

    def _is_local(self, hit: SearchResult) -> bool:
        """Whether a record is about one place (a city's park, a city): not a nationwide programme's."""
        park_id = str(hit.metadata.get("park") or "") or self._park_of(hit)
        park = self.directory.park(park_id) if park_id else None
        if park is not None:
            return bool(park.city("en"))  # the co-working programme is a "park" of no city
        return bool(hit.metadata.get("city"))

    def _holds(self, hit: SearchResult, focus: str | None, lang: Lang) -> bool:
        """Whether the hit's record states the focused item: an FAQ entry in its answer (its passage also carries
        the questions it is indexed under: "seat kitne ki hai" states no count), other records in their passage
        (a park's with its structured fields, such as who runs it)."""
        text = self._answer_text(hit, lang)
        if focus in answers.PLACE_FOCI:
            return answers.tells_where(text)
        return answers.holds(text, focus)

    def _answer_text(self, hit: SearchResult, lang: Lang) -> str:
        """What of a hit answers: an FAQ entry's answer (its passage also carries the questions it is indexed
        under), another record's passage."""
        return self.grounded.text_in(hit, lang) if hit.kind == "faq" else hit.text

    def _figure_gap(self, answer: Answer, question: str, focus: str | None) -> str | None:
        """Whether the park record that answers lacks the count or amount asked (see
        :func:`bot.retrieval.answers.figure_gap`); None for any other record."""
        record = answer.sources[0].id if answer.sources else ""
        park = self.directory.park(record.removeprefix("park:")) if record.startswith("park:") else None
        if park is None:
            return None
        if focus == "women" and answers.has_words(question, "count"):
            return "missing"  # "وہاں کتنی خواتین کام کرتی ہیں": no park's record counts the women working there
        keys = frozenset(str(f.get("key")) for f in park.data.get("figures") or [])
        return answers.figure_gap(keys, focus, question)

    def _record_sentences(self, hit: SearchResult, lang: Lang) -> Iterator[str]:
        """The sentences of the hit's record as an answer reads them: its own passage first, then a document's
        other sections ("bahawalpur stp ki timing" finds the hours in the file's "Office hours" section)."""
        yield from answers.sentences(self.grounded.text_in(hit, lang))
        for section in self._other_sections(hit):
            yield from answers.sentences(unwrapped(section.page_content))

    def _other_sections(self, hit: SearchResult) -> Iterator[Document]:
        """A document's sections other than the hit's own, in order (read from the index's section table)."""
        if hit.kind not in ("doc", "file"):
            return
        own = int(hit.metadata.get("chunk_index", 0))
        for n in range(MAX_SECTIONS):
            section = self.retriever.index.section(hit.record_id, hit.lang, n)
            if section is None:
                return
            if n != own:
                yield section

    def _section_holding(self, response: SearchResponse, focus: str | None) -> SearchResponse | None:
        """The search with the leading document's first section that states the focused item in its place,
        if the document has one (sections are read from the index's parallel-section table, in memory)."""
        top = response.results[0]
        section = next((s for s in self._other_sections(top) if answers.holds(s.page_content, focus)), None)
        if section is None:
            return None
        found = dataclasses.replace(top, id=str(section.id or top.id), text=section.page_content,
                                    metadata=dict(section.metadata))
        return SearchResponse(response.query, response.language, [found, *response.results[1:]])

    def _shorten(self, answer: Answer, question: str, focus: str | None, lang: Lang, *, more: bool,
                 gap: str | None = None, alone: bool = False) -> bool:
        """The answer's lead sentence (and at most one more) instead of the whole record; "not known" first
        when the record lacks the item asked (``gap``: a park record without the figure asked, or with only
        its city's figure, see :meth:`_figure_gap`). True when the record holds no sentence on the item."""
        body, sep, cited = answer.text.rpartition("\n\n")
        if not sep:
            return False
        chosen = answers.select(body, question, focus, more=more, alone=alone)
        text = " ".join(chosen.lead)
        own = answers.said_missing(body, focus) if gap == "missing" else None
        if own is not None:
            # the record's own words say the figure is not in the sources ("do not say how many STPs are in Lahore")
            text = own
            answer.known = False
            answer.missed = True
        elif focus and (chosen.missing or gap):
            note = "city_figure_only" if gap == "city" else "not_known_item"
            text = f"{say(note, lang, item=say(f'item_{focus}', lang))}\n\n{text}"
            answer.known = False
            answer.missed = gap != "city"  # the city's figure is given: not a miss that hands the chat over
        elif chosen.says_missing:
            answer.known = False  # the record itself says the item is not in the sources: offer a person
        answer.text = f"{text}\n\n{cited}"
        return bool(focus and chosen.missing and gap is None and own is None)

    def _verdict(self, question: str, places: dict[str, str], context: dict[str, Any], fragment: reading.Reading,
                 park_id: str | None) -> tuple[str, Decided] | None:
        """``answer_yes`` / ``answer_no`` when the evidence decides a yes/no question, else None (no opener).

        Decided from structured fields only: a question about men or boys at a women-only park (named, in
        the named city, the record's own, or the previous turn's) is "no"; whether a city has a park, asked
        with nothing else in the question, is "yes" when the directory lists an operating one there.
        """
        existence_before = bool(context.pop("last_existence", False))
        if self._asks_if_unfinished_park_is_open(question, context, fragment):
            # ("Karachi IT park already open?" is asked without a verb to mark it yes/no)
            return "answer_no", Decided.OTHER
        # ("what about for men" after the park for women asks whether men may use it too)
        # (and "larkon ko bagh park me seat milegi?", a yes/no by its question mark alone)
        men_after = _about_men(question) and (
            (bool(context.get("last_park")) and len(question.split()) <= MEN_FOLLOW_UP)
            or (question.rstrip().endswith(("?", "؟")) and not reading.has(question, "wh")))
        if not (reading.is_yes_no(question) or fragment.kind in ("place", "attribute") or men_after):
            return None
        if self._men_at_women_park(question, places, context, fragment, park_id):
            return "answer_no", Decided.MEN
        if reading.is_yes_no(question) and self._asks_women_only(question):
            # "is the bagh park only for women?", "kya ye sirf khawateen ke liye hai" after it: the park's own field
            # (named, the answer's park in the city named, or the last turn's park)
            named = by_name = self.directory.find_parks(question)
            answered = self.directory.park(park_id) if park_id else None
            if not named and answered is not None and places.get("city") == answered.city("en"):
                named = [answered.id]
            if not named and fragment.kind == "attribute" and context.get("last_park"):
                named = [str(context["last_park"])]
            parks = [p for p in (self.directory.park(n) for n in named) if p is not None]
            if parks and all(p.women_only for p in parks):
                return "answer_yes", Decided.WOMEN_ONLY
            if parks and by_name and not any(p.women_only for p in parks):
                # "is the gilgit sco technology park only for women": its field says it is not
                return "answer_no", Decided.WOMEN_ONLY
            here = self.directory.parks_where(city=places["city"]) if not by_name and places.get("city") else []
            if here and not any(p.women_only for p in here):
                # "is rawalpindi stp women only?", "kya lahore ka stp sirf larkiyon ke liye hai?": none of the city's
                # parks is (the answer names the one that is)
                return "answer_no", Decided.WOMEN_ONLY
        city = places.get("city")
        # "and in Faisalabad?" after "is there an STP in Lahore?" asks the same; "aur faisalabad me kitni companies" not
        # ("کتنے ہیں لاہور میں" after "is there one in Lahore" asks how many, which no "yes" answers)
        asks_existence = (fragment.kind == "place" and existence_before and answers.focus_of(question) is None
                          and not answers.has_words(question, "count")) or (
            reading.is_yes_no(question) and reading.asks_existence(question, self.directory.place_tokens))
        # (the city of the sentence that asks: "i'm a male student at bagh, can i get a desk at any stp?" does not ask
        # whether Bagh has one)
        asked_city = city in self.directory.find_cities(reading.after_telling(reading.asking_part(question))) or (
            fragment.kind == "place")
        if (city and asked_city and not places.get("province") and asks_existence
                and not self.directory.find_parks(question)):
            context["last_existence"] = True
            open_here = [p for p in self.directory.parks_where(city=city) if p.data.get("kind") in PARK_KINDS
                         and p.status == "operational"]
            answered = self.directory.park(park_id) if park_id else None
            if answered is not None and answered.status != "operational":
                return None  # the answer is about a park not open yet: a "yes" for the city's others misleads
            return ("answer_yes", Decided.OTHER) if open_here else None
        return None

    def _asks_if_unfinished_park_is_open(self, question: str, context: dict[str, Any],
                                         fragment: reading.Reading) -> bool:
        """"Karachi IT park already open?", "kya isb it park khul gaya?", "is it running yet" after it: the one park
        asked is still being built or planned (its directory status), so the evidence says no. Not of a park that
        is open ("is nic open on saturday" asks hours the sources lack), nor of a future date ("will it open in
        2027?")."""
        parks = self._asked_open(question, context, fragment)
        # (a park only planned in an old news item may have been built since: its record says it cannot tell)
        return len(parks) == 1 and parks[0].status in BEING_BUILT

    def _asked_open(self, question: str, context: dict[str, Any], fragment: reading.Reading) -> list[Park]:
        """The parks a question asks whether they are open or built yet (named, or the last turn's pointed at)."""
        asked = reading.asking_part(question)
        yes_no = reading.is_yes_no(question) or (asked.rstrip().endswith(("?", "؟")) and not reading.has(asked, "wh"))
        if (not yes_no or not _ASKS_OPEN.search(asked) or _WILL.search(asked) or _WORK_GOING.search(asked)
                or any(c.isdigit() for c in asked)):
            return []
        # the one park named in the sentence that asks, and no other park anywhere nor place in that sentence ("I work
        # near the karachi it park, is the lahore stp open?", "karachi it park ke ilawa koi stp chal raha hai?")
        named = self.directory.find_parks(asked)
        if len(named) != 1 or self.directory.find_parks(question) != named or _OTHER_THAN.search(question):
            return []
        park = self.directory.park(named[0])
        if park is None or set(self.directory.find_cities(self._where_asked(question, park.id))) - {park.city("en")}:
            return []
        return [park]

    def _asks_women_only(self, question: str) -> bool:
        """Whether the question asks if something is for women only ("only for women", "sirf larkiyon ke liye",
        "صرف خواتین کے لیے", "is the bagh park women only"), not a facility for them ("women only washrooms")."""
        if _EITHER.search(question) or self.directory.of_every_park(question) is not None:
            return False  # "for freelancers too or only companies" asks which, not yes or no
        return bool(_WOMEN_ONLY.search(question))  # ("the STP for women in Bagh" names the park, asks nothing of it)

    def _man_asks(self, question: str) -> bool:
        """:func:`_about_men`, or a writer who has said he is a man asking for a place for himself at a park for women
        named where he asks ("im a guy can i get a seat in the bagh park", "میں لڑکا ہوں کیا باغ پارک میں سیٹ مل سکتی
        ہے"); not at another park ("i am a man from bagh, can i get a seat at the lahore stp")."""
        return _about_men(question) or self._womens_park_for_him(question) is not None

    def _womens_park_for_him(self, question: str) -> str | None:
        """The park for women a writer who has said he is a man asks a place at (see :meth:`_man_asks`)."""
        cut = reading.after_telling(reading.asking_part(question))
        if not (SELF_MALE.search(question) and _ASKS_FOR_HIMSELF.search(cut) and _A_PLACE.search(cut)):
            return None
        # the park named, else the parks of the towns named: all of them for women ("... lahore stp ... shalimar bagh
        # ke paas": Lahore's park is asked, and "bagh" is also a garden)
        named = [self.directory.park(p) for p in self.directory.find_parks(cut)] or [
            p for city in self.directory.find_cities(cut) for p in self.directory.parks_where(city=city)]
        parks = [p for p in named if p is not None]
        return parks[0].id if parks and all(p.women_only for p in parks) else None

    def _men_at_women_park(self, question: str, places: dict[str, str], context: dict[str, Any],
                           fragment: reading.Reading, park_id: str | None) -> bool:
        """Men or boys asked about at a women-only park (named, in the named city or province, the record's own,
        or the previous turn's): the park's own field answers "no", however loosely the rest of the question
        matches its record. Not a facility asked about ("daycare for my son?"), which that field does not decide."""
        if not self._man_asks(question) or self.directory.of_every_park(question) is not None or self._asks_women_only(
                question):
            return False  # ("is it only for women? my brother wants to know" is answered yes, not no)
        candidates = set(self.directory.parks_meant(question))
        if park_id:
            candidates.add(park_id)
        if fragment.kind == "attribute" and context.get("last_park"):
            candidates.add(str(context["last_park"]))
        if (only := self._province_park(places)) is not None:
            candidates.add(only)  # "is there an stp in ajk for boys?": AJK's one park is the women's
        if places.get("city"):
            candidates.update(p.id for p in self.directory.parks_where(city=places["city"]))
        return any(p.women_only for p in (self.directory.park(c) for c in candidates) if p is not None)

    def _reply(self, answer: Answer, lang: Lang, intent: str, context: dict[str, Any]) -> Reply:
        text = answer.text
        context["said"] = _said_key(text)  # (for a "tell me more" that would repeat this reply word for word)
        choices: list[str] = []
        if not answer.known:
            text = f"{_without_own_offer(text)}\n\n{say('offer_person', lang)}"
            context["offered_person"] = True
            choices = [Button("person", "yes", lang).data(), Button("person", "no", lang).data()]
        return Reply(text, lang, [s.to_json() for s in answer.sources], False, intent, None,
                     round(answer.confidence, 3), choices=choices, missed=answer.missed or not answer.sources)

    @staticmethod
    def _moves_list(question: str, places: dict[str, str], intent: Intent) -> bool:
        """A short follow-up that names only another place ("and in Gilgit?", "اور پنجاب میں؟")."""
        return (intent.name == "question" and bool(places) and len(question.split()) <= 7
                and bool(_FOLLOW_UP.search(question)))

    def _record_names(self, record_id: str, city: str, lang: Lang) -> bool:
        """Whether the record's passage in ``lang`` (or in English) names the city, in any spelling."""
        for language in dict.fromkeys((lang, "en")):
            section = self.retriever.index.section(record_id, language, 0)
            if section is not None:
                return city in self.directory.find_cities(section.page_content)
        return True  # (a record not found in the index: nothing to step back from)

    def _mentions_city(self, response: SearchResponse, city: str, *, parks_only: bool = False) -> bool:
        """Whether a top hit names the city, in any script or spelling ("سکھر" in an Urdu passage is Sukkur);
        ``parks_only``: an ingested file counts only if it speaks of a park."""
        return any(city in self.directory.find_cities(f"{r.title}\n{r.text}")
                   and not (parks_only and r.kind == "file" and not self._about_a_park(r.record_id))
                   for r in response.results[:3])

    def _named_lead(self, question: str, places: dict[str, str], context: dict[str, Any], fragment: reading.Reading,
                    focus: str | None, lead: SearchResult) -> bool:
        """Whether the lead record answers by what the question names, however loosely its other words match
        the record (the confidence gate measures that match): an item of the focus table asked of the one park
        named, from that park's record ("bagh park kisne banaya": the cut to the item says what it holds or that
        it is not known); a women-only park's field for men asking ("can my husband work in the bagh park"); or
        the office's file about the city named where the curated parks know none ("who is the manager of the
        bahawalpur stp")."""
        city = places.get("city")
        named = self.directory.find_parks(question) or (
            [p.id for p in self.directory.parks_where(city=city)] if city else [])  # "bagh park": the city's one
        if focus in answers.FOCUS_BY_NAME and len(named) == 1 and lead.record_id in self.directory.records_about(
                named[0]):
            return True
        if reading.is_yes_no(question) and self._men_at_women_park(question, places, context, fragment,
                                                                    self._park_of(lead)):
            return True
        if any(lead.record_id in self.directory.records_about(p.id)
               for p in self._asked_open(question, context, fragment)):
            return True  # "is it running yet" after the Islamabad IT Park: its record and status answer
        if lead.record_id == f"faq:{self.directory.of_every_park(question)}":
            return True  # "do u have generator backup during loadshedding": the facility named is the entry's
        return bool(city and city not in self.directory.cities_with_parks()
                    and lead.record_id in self._files_about(city))

    def _lead_section(self, response: SearchResponse, records: list[str], lang: Lang) -> SearchResponse | None:
        """The search with the section of ``records`` that best matches the search's query leading ("bahawalpur
        stp ki timing" is the park file's "Office hours and contact" section, not its first, nor a news item that
        names the city): a search within those records for the text already searched (a follow-up's rewriting, not
        the fragment), whose vector the embedder has cached."""
        within = self.retriever.search(response.query, k=1, language=lang, filters={"record_id": records},
                                       vector=self._vector(response.query, lang))
        if not within.results:
            return None
        top = response.results[0].score if response.results else 0.0
        best = dataclasses.replace(within.results[0], score=max(within.results[0].score, top))
        rest = [dataclasses.replace(r, score=r.score * DEMOTE) for r in response.results
                if r.record_id != best.record_id]
        return SearchResponse(response.query, response.language, [best, *rest])

    def _without_other_rows(self, response: SearchResponse, city: str | None) -> SearchResponse:
        """The search without an office's files about another city than the one asked ("is stp islamabad open on
        sundays" is not answered by STP Sahiwal's office hours): a listing row's own city column says where it is,
        a document the cities it names (one that names none, a general policy, stays)."""
        if not city:
            return response
        names = {n.lower() for n in spellings(city)}

        def elsewhere(hit: SearchResult) -> bool:
            if hit.kind != "file":
                return False
            if hit.metadata.get("city"):
                return str(hit.metadata["city"]).lower() not in names
            named = self.directory.find_cities(f"{hit.title}\n{hit.text}")
            return bool(named) and city not in named

        kept = [r for r in response.results if not elsewhere(r)]
        return response if len(kept) == len(response.results) else SearchResponse(response.query, response.language,
                                                                                  kept)

    def _about_a_park(self, record_id: str) -> bool:
        """Whether an ingested file speaks of a park (its first section, title included, names one)."""
        first = self.retriever.index.section(record_id, "", 0)
        return first is not None and bool(_PARK_TEXT.search(f"{first.metadata.get('title', '')} {first.page_content}"))

    def _listing_rows(self, city: str | None, province: str | None, lang: Lang) -> list[ListedRow]:
        """Parks that an office's ingested listing (a spreadsheet of parks, ``parkbot ingest``) puts in the city or
        province asked, by the row's own city or province column in any spelling the place tables know ("which
        stps are in sindh" lists the sheet's "STP Mirpurkhas" after the curated parks)."""
        place, column = (city, "city") if city else (province, "province")
        snapshot = self.retriever.index.lexical()
        keep = snapshot.mask({"kind": "file", column: spellings(place)}) if place else None
        rows: dict[str, ListedRow] = {}
        for n in np.flatnonzero(keep) if keep is not None else ():
            info = snapshot.info(snapshot.ids[n])
            if info is None or info["record_id"] in rows:
                continue
            section = self.retriever.index.section(info["record_id"], info["lang"], 0)
            row = answers.listing_fields(section.page_content) if section is not None else None
            if section is None or row is None:
                continue  # a document that names the place is no park of it
            name, fields = row
            meta = section.metadata
            where = ", ".join(v for v in (fields.get("city"), fields.get("status")) if v)
            cited = say("file_source", lang, title=Path(str(meta.get("source", ""))).stem,
                        file=str(meta.get("source", "")), date=str(meta.get("as_of", "")))
            rows[info["record_id"]] = ListedRow(f"{name} ({where})" if where else name,
                                                Source(info["record_id"], name, str(meta.get("as_of", ""))), cited)
        return list(rows.values())

    def _files_about(self, city: str) -> list[str]:
        """Ingested files (``parkbot ingest``) that name the city: the directory knows only the curated parks, so
        an office's own document about its park in a new city ("Software Technology Park, Mardan") is found by
        the city's name in its text."""
        snapshot = self.retriever.index.lexical()
        found: dict[str, None] = {}
        for name in spellings(city):  # "Mirpurkhas" in the file, Mirpur Khas in the tables
            hits = snapshot.search(tokenize(name), k=MAX_FILES, filters={"kind": "file"})
            found.update(dict.fromkeys(info["record_id"] for chunk, _, held in hits
                                       if held >= 1.0 and (info := snapshot.info(chunk)) is not None))
        return list(found)

    def _asks_about_city_parks(self, question: str, places: dict[str, str]) -> bool:
        """A park in a named city is asked about ("pindi me koi software park hai?", "is there an STP in
        Sukkur?"): when the hits are not about that city, the directory's list for it answers instead of
        another city's record (the list also says when our sources link no park to the city)."""
        city = places.get("city")
        if not city or not _PARKISH.search(question) or self._city_in_background(question, city):
            return False
        if len(self.directory.find_cities(question)) > 1 and _comes_from(question, city):
            return False  # "im a freelancer from rawalakot is the womens park in bagh open now": Bagh's park is asked
        return city not in self.directory.cities_with_parks() or (
            reading.is_yes_no(question) and reading.asks_existence(question, self.directory.place_tokens))

    def _city_in_background(self, question: str, city: str) -> bool:
        """Whether the city only introduces the asker, in a clause of its own, while the clause that asks about a
        park names no place ("i run a call center in multan, ... if we move into an stp how long does the rent
        help last": the subsidy is asked, not Multan's parks; "multan me stp hai?", "i'm in multan. is there an
        stp near me?" ask about Multan)."""
        asking = park_clauses(question)
        if not asking or any(city in self.directory.find_cities(part) or _NEAR_ME.search(part)
                             or reading.points_there(part) for part in asking):
            return False
        asked = " ".join(asking)
        if self.directory.find_places(asked):
            return True  # "hum rawalakot se freelancing krti hain ... ajk me women wala stp kis shehar me h": AJK
        if not (self.directory.find_subsidies(asked) or answers.focus_of(asked) in _RULE_ITEMS
                or _HOW_OR_WHY.search(asked)):
            return False  # "main hyderabad se hun, koi stp hai?", "stp kab banega?": a park there is asked
        named_in = [part for part in clauses(question) if city in self.directory.find_cities(part)]
        return all(len(part.split()) >= BACKGROUND_WORDS for part in named_in)

    def _search(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang,
                fragment: reading.Reading, pointed: str | None = None,
                leaned: str | None = None) -> tuple[str, SearchResponse]:
        """Search for the question, or for its follow-up reading ("and in Quetta?", "us ka size kya hai?").

        A fragment that leans on the previous turn is rewritten first and only the rewriting is embedded
        and searched (one embedding, as for any question); other follow-ups keep the older two-step reading.
        """
        resolved = self._resolve(question, places, context, lang, fragment)
        if resolved is None and leaned is not None:
            resolved = f"{context.get('last_query') or ''} {question}".strip(), {leaned: PARK_BOOST * 2}
        if resolved is not None:
            text, lift = resolved
            return text, self.retriever.search(text, k=5, language=lang, vector=self._vector(text, lang),
                                               boost=lift)
        # Embedding starts only now, not at the top of handle(): the e5 engine runs on both cores, and
        # overlapping it with the database work stalled its threads (p95 2.25x -> 2.05x the embedding).
        vector = self._vector(question, lang)
        boost = self._boost(question, places)
        if pointed is not None:
            boost = {**(boost or {}), **dict.fromkeys(self.directory.records_about(pointed), OWN_RECORD_BOOST)}
        response = self.retriever.search(question, k=5, language=lang, vector=vector, boost=boost)
        rewritten = self._follow_up(question, places, context)
        if rewritten is None:
            return question, response
        # a follow-up that stands on its own ("and internet?" -> the internet subsidy) keeps its own hits
        if places.get("city") is None and confidence(response) >= 0.9 and not context.get("last_park"):
            return question, response
        boost = self._boost(rewritten, self.directory.find_places(rewritten))
        return rewritten, self.retriever.search(rewritten, k=5, language=lang, boost=boost)

    def _vector(self, text: str, lang: Lang) -> concurrent.futures.Future[list[float]]:
        """The query's embedding, started now; a Roman Urdu message is embedded with its chat spellings written out
        ("kitny stp hn pk ma": "kitne stp hain Pakistan mein"), which the model reads much closer to the records."""
        return self.embedder.submit_query(written_out(text) if lang == "roman_ur" else text)

    def _resolve(self, question: str, places: dict[str, str], context: dict[str, Any], lang: Lang,
                 fragment: reading.Reading) -> tuple[str, dict[str, float] | None] | None:
        """The text to search for a fragment and the records to lift, from the previous turn's entity."""
        last = str(context.get("last_query") or "")
        last_park = self._last_park(context)
        last_record = str(context.get("last_record") or "")
        if fragment.kind == "more":
            return last, {last_record: PARK_BOOST * 2} if last_record else None
        if fragment.kind == "park" and (named := self.directory.find_parks(question)):
            park = self.directory.park(named[0])
            if park is not None:
                rewritten = last.replace(last_park.name(lang), park.name(lang)) if last_park is not None else last
                if rewritten == last:
                    rewritten = f"{park.name(lang)} {question} {last}"
                lift = dict.fromkeys(self.directory.records_about(park.id), PARK_BOOST)
                lift[f"park:{park.id}"] = OWN_RECORD_BOOST
                if last_park is not None and last_park.id != park.id:
                    lift.update(dict.fromkeys(self.directory.records_about(last_park.id), DEMOTE))
                return rewritten, lift
        if fragment.kind == "subject" and last:
            # the previous question with its subject swapped: drop the words that named the old record
            old_subject = answers.title_words(str(context.get("last_title") or ""))
            kept = " ".join(w for w in last.split() if answers.title_words(w).isdisjoint(old_subject))
            rewritten = f"{' '.join(fragment.content) or question} {kept}".strip()
            # the new subject's own records lead ("aur internet pe?" after the rent subsidy: the internet rule's,
            # and the rent record, which mentions internet too, steps back); a subject that names no record of its
            # own ("aur local economy ko?") may well be in the same record
            lifted = self._boost(question, places) or {}
            lift = {**lifted, **({last_record: DEMOTE} if last_record and lifted else {})}
            return rewritten, lift or None
        if fragment.kind == "attribute":
            # the previous question without what it asked ("and how many ppl work there in total" after "what %
            # of stp professionals are women" asks the professionals, not the women)
            dropped = set(answers.foci_of(last)) - set(answers.foci_of(question))
            subject = last_park.name(lang) if last_park is not None else answers.without_foci(last, dropped)
            boost = dict.fromkeys(self.directory.records_about(last_park.id), PARK_BOOST) if last_park else {}
            if last_park is not None:
                boost[f"park:{last_park.id}"] = OWN_RECORD_BOOST  # its structured fields answer an attribute
            elif context.get("last_city"):
                # "wahan kitni companies hain" after the list of Karachi's parks: the city's records, not the rent
                # subsidy that "companies" matched
                boost.update(self._boost(subject, {"city": str(context["last_city"])}) or {})
            if last_record and not dropped & set(answers.foci_of(str(context.get("last_title") or ""))):
                # (a record about what is no longer asked, the women, is not lifted)
                boost[last_record] = max(boost.get(last_record, 1.0), CITY_BOOST)
            return f"{subject} {question}", boost or None
        if fragment.kind == "place" and (city := places.get("city")) and (
                city != context.get("last_city") or last_park is not None):
            # (the same city again, with no park talked about, is no move to another place: "اچھا گلگت والا ٹیک پارک
            # کیسا ہے" after a question from Gilgit asks about its park, and stands as asked; "کراچی والے کی تفصیل"
            # after the Karachi IT Park's exports is still that park)
            rewritten = self._with_city(last, str(context.get("last_city") or ""), city)
            boost = self._boost(rewritten, {"city": city}) or {}
            if last_park is not None:
                here = self.directory.parks_where(city=city)
                same = [p for p in here if p.data.get("kind") == last_park.data.get("kind")]
                for park in same or here[:1] if len(here) == 1 else same:
                    # the park of that kind there, or the city's only park ("and gilgit?" after the Quetta STP)
                    boost.update(dict.fromkeys(self.directory.records_about(park.id), PARK_BOOST))
                    rewritten = rewritten.replace(last_park.name(lang), park.name(lang))
                if last_park.city("en") != city:
                    boost.update(dict.fromkeys(self.directory.records_about(last_park.id), DEMOTE))
            elif last_record and last_record not in boost and not self._record_names(last_record, city, lang):
                # "sukkur me bhi hai?" after the list of cities with STPs, which does not name Sukkur: not that list
                # again, but what the sources say of Sukkur
                boost[last_record] = DEMOTE
            return rewritten, boost or None
        return None

    @staticmethod
    def _with_city(last: str, old_city: str, city: str) -> str:
        """The previous question about ``old_city`` asked of ``city``, each name in the script the user wrote
        the old one in ("کوئٹہ میں ...؟" then "اور فیصل آباد میں؟": "فیصل آباد میں ...؟"); the new city added
        when the old one is not in it."""
        old_names = [old_city, *OTHER_PLACES.get(old_city, [])] if old_city else []
        for name in sorted(old_names, key=len, reverse=True):
            if name and name.lower() in last.lower():
                new = (urdu_name(city) or city) if not name.isascii() else city
                return re.sub(re.escape(name), new, last, flags=re.I)
        # (added in the script the previous question is written in: "کن شہروں میں ایس ٹی پی ہیں سکھر")
        return f"{last} {(urdu_name(city) or city) if _URDU_LETTER.search(last) else city}"

    def _boost(self, text: str, places: dict[str, str]) -> dict[str, float] | None:
        """Lift the records of the parks the user names (so "Karachi IT Park" beats a passage that only
        mentions it next to another park), and more gently those of parks in a city the user names."""
        boost: dict[str, float] = {}
        city = places.get("city")
        if city:
            for park in self.directory.parks_where(city=city):
                boost.update(dict.fromkeys(self.directory.records_about(park.id), CITY_BOOST))
        elif (only := self._province_park(places)) is not None:
            # "ajk wala kis k liye hai": a province with one park names it
            boost.update(dict.fromkeys(self.directory.records_about(only), PARK_BOOST))
        for park_id in self.directory.parks_meant(text):
            boost.update(dict.fromkeys(self.directory.records_about(park_id), PARK_BOOST))
        subsidies = self.directory.find_subsidies(text)
        if len(subsidies) == 1:
            # "is stp rent fully free", "انٹرنیٹ پر کتنی سبسڈی": that rule's records, not its neighbour's (every
            # subsidy record mentions both rules; only the one named answers)
            boost.update(dict.fromkeys(self.directory.records_about(subsidies[0], "subsidy"), PARK_BOOST))
        entry = self._entry_named(text)
        if entry is not None:
            boost[entry] = PARK_BOOST
        return boost or None

    def _entry_named(self, text: str) -> str | None:
        """The FAQ entry a short question names by one of its aliases, when little else is asked ("pseb kya h",
        "pseb full form?", "moitt?"; not "pseb ka number", which asks for an item): that entry answers. PSEB is
        in nearly every passage, so its name alone ranks nothing, and "full" or "form" match other records.
        Remembered per text (it depends only on the directory and the FAQ entries' text)."""
        if text not in self._entries:
            if len(self._entries) >= REMEMBERED_ENTRIES:
                self._entries.clear()
            self._entries[text] = self._find_entry_named(text)
        return self._entries[text]

    def _find_entry_named(self, text: str) -> str | None:
        text = reading.telling_dropped(text)  # "pseb kya h? chacha ko kuch kaam h unse" asks the first sentence
        defined = self.directory.find_defined(text)
        if defined is not None and not reading.is_yes_no(text):  # "kya stp hai?" asks whether there is one
            return f"faq:{defined}"  # "stp kya hota hai": what it is
        about = self.directory.find_named(text, "faq") if not self.directory.find_places(text) else []
        if len(about) != 1 or classify(text).missing_slot is not None:
            return None
        entry = f"faq:{about[0]}"
        focus = answers.focus_of(text)
        words = answers.title_words(text)
        if focus is None and len(words) <= 3:
            return entry
        # an item the entry itself states, asked in its own words ("pseb kis ministry ke under kaam krta h": the
        # entry on who runs the STPs says the ministry PSEB works under)
        said = self.retriever.index.section(entry, detect(text), 0) or self.retriever.index.section(entry, "en", 0)
        if said is None or focus is None or not answers.states(said.page_content, focus):
            return None
        return entry if len(words - set(tokenize(said.page_content))) <= 2 else None

    def _pointed_park(self, question: str, places: dict[str, str], context: dict[str, Any]) -> str | None:
        """The last turn's park when the message points at it and names no place or park of its own ("can i
        work there with her, i do web dev" after the Bagh park), or asks whether a man may use it ("can my brother go
        too" after it: going, sitting or joining needs a place), else None."""
        last = context.get("last_park")
        if not last or places:
            return None
        men_use = _about_men(question) and _USES_A_PLACE.search(question)
        if (not (reading.points_there(question) or men_use) or self.directory.parks_meant(question)
                or self.directory.find_subsidies(question) or self.directory.find_named(question, "faq")):
            return None  # ("wahan internet free h": the internet rule answers, at any park)
        return str(last)

    def _about_it(self, records: list[str]) -> list[str]:
        """Of a park's records, those about the park as a whole: its own, and the FAQ entries whose question asks no
        item of it ("What is the Karachi IT Park?", not "When will the Karachi IT Park open?")."""
        return [r for r in records if r not in self._item_entries] or records[:1]

    @cached_property
    def _item_entries(self) -> frozenset[str]:
        """The FAQ entries whose (first English) question asks an item ("When will the Karachi IT Park open?")."""
        def asked(entry: dict[str, Any]) -> str:
            said = (entry.get("q") or {}).get("en")
            return str((said[0] if said else "") if isinstance(said, list) else said or "")
        return frozenset(f"faq:{f['id']}" for f in self.directory.faq if answers.focus_of(asked(f)) is not None)

    def _names_only(self, question: str, park_id: str) -> bool:
        """Whether the message is the park's name and nothing else ("karachi it park", "گلگت والا پارک؟")."""
        park = self.directory.park(park_id)
        if park is None:
            return False
        names = " ".join([*(park.name(lang) for lang in ("en", "ur", "roman_ur")), *(park.city(lang) for lang in (
            "en", "ur")), *map(str, park.data.get("aliases") or [])])
        return not answers.title_words(question) - answers.title_words(names) - answers.park_tokens()

    def _only_place(self, question: str, park_id: str) -> bool:
        """Whether the question names no city but the park's own ("bagh wala park", not "bagh ya gilgit")."""
        park = self.directory.park(park_id)
        return park is not None and set(self.directory.find_cities(self._where_asked(question, park_id))) <= {
            park.city("en")}

    def _where_asked(self, question: str, park_id: str) -> str:
        """The part of a question that asks about a park: the clauses of its asking sentences that name it. A city
        named only in a sentence or clause that tells ("khi it park khul gya? lhr se shift hona h", "main jhang se
        hun, karachi it park khul gaya?") is not asked about."""
        asked = reading.asking_part(question)
        if park_id not in self.directory.parks_meant(asked):
            return question
        return " ".join(part for part in clauses(asked) if park_id in self.directory.parks_meant(part)) or asked

    def _about_every_rule(self, response: SearchResponse) -> list[str]:
        """The top hits that are no single subsidy rule's own records (the rule, its FAQ entry, a fee entry)."""
        return [r.record_id for r in response.results[:5] if r.record_id not in self.directory.rule_records]

    def _lead_entry(self, response: SearchResponse, entries: Sequence[str], lang: Lang,
                    focus: str | None = None, *, in_order: bool = False) -> SearchResponse | None:
        """The search with one of ``entries`` leading: of those among the top five hits (in ranking order, or
        in the order of ``entries``), the first that holds the focused item, else the first; with none there,
        the first entry's passage in the user's language read from the index (the record is named: the
        ranking only chooses among its records)."""
        results = response.results
        named = [r for r in results[:5] if r.record_id in entries]
        if in_order:
            named.sort(key=lambda r: list(entries).index(r.record_id))
            if not any(focus and self._holds(r, focus, lang) for r in named):
                return None  # none of them says it: the ranking stands
        found = next((r for r in named if focus and self._holds(r, focus, lang)), None)
        if found is None and focus and not in_order:
            # an entry ranked below the top five that states it ("کراچی آئی ٹی پارک کتنے کا بن رہا ہے اور کب کھلے گا":
            # the park's record with its cost, not the entry on its opening that the other words matched)
            shown = {r.record_id for r in named}
            found = next((hit for entry in entries if entry not in shown
                          and (hit := self._entry_hit(entry, lang, results)) is not None
                          and self._holds(hit, focus, lang)), None)
        found = found or (named[0] if named else None)
        entry = found.record_id if found is not None else entries[0]
        if found is None:
            found = self._entry_hit(entry, lang, results)
        if found is None:
            return None
        rest = [dataclasses.replace(r, score=r.score * DEMOTE) for r in results if r.record_id != entry]
        return SearchResponse(response.query, response.language, [found, *rest])

    def _entry_hit(self, entry: str, lang: Lang, results: Sequence[SearchResult]) -> SearchResult | None:
        """A record's first passage in the user's language (else English) read from the index, as a hit."""
        for wanted in dict.fromkeys((lang, "en")):
            doc = self.retriever.index.section(entry, wanted, 0)
            if doc is not None:
                return SearchResult.of(str(doc.id or entry), doc, results[0].score if results else 1.0)
        return None

    def _last_park(self, context: dict[str, Any]) -> Park | None:
        """The park the previous turn was about: its record's, or else the one park of a city the user named
        ("how big is it" after "im in bagh, is there any place for women here" answered from a document)."""
        if context.get("last_park"):
            return self.directory.park(str(context["last_park"]))
        city, last = str(context.get("last_city") or ""), str(context.get("last_query") or "")
        if not city or city.lower() not in last.lower():
            return None
        here = self.directory.parks_where(city=city)
        return here[0] if len(here) == 1 else None

    def _follow_up(self, question: str, places: dict[str, str], context: dict[str, Any]) -> str | None:
        last = context.get("last_query")
        if not last or len(question.split()) > 7 or not _FOLLOW_UP.search(question):
            return None
        if self.directory.find_parks(question):  # names its own park ("How big is Karachi IT Park?"): not "it"
            return None
        new_city, old_city = places.get("city"), context.get("last_city")
        if new_city and old_city and old_city.lower() in last.lower():
            return re.sub(re.escape(old_city), new_city, last, flags=re.I)
        if new_city:
            return f"{last} {new_city}"
        park = self._last_park(context)
        if park is not None:
            return f"{park.name('en')}: {question}"
        return f"{question} {last}"



#: A record's own sentence offering a person ("For your own case, parkbot can connect you with a person.", "Confirm
#: karne ke liye parkbot aap ki kisi banday se baat karwa sakta hai."): the reply's offer, with its buttons, says it.
_OWN_OFFER = re.compile(r"(?:parkbot|پارک بوٹ).{0,80}?(?:person|banday|bande|نمائندے)", re.I)
#: ... a sentence of its own, not a long one that says more besides
OWN_OFFER_CHARS = 200
#: Where a clause ends before such an offer ("...how to apply; parkbot can ...", "... nahi diya gaya; is ke liye ...").
_CLAUSE_END = re.compile(r"\s*[;؛]\s*")


def _without_own_offer(text: str) -> str:
    """``text`` without the sentences that offer a person, where the reply ends with the offer itself (a person
    was offered twice in one reply); a paragraph that is only such a sentence goes, and nothing else."""
    kept = []
    for paragraph in text.split("\n\n"):
        if "\n" in paragraph or not _OWN_OFFER.search(paragraph):
            kept.append(paragraph)  # (a list or a citation line is left as it is)
            continue
        rest = []
        for sentence in answers.sentences(paragraph):
            offer = _OWN_OFFER.search(sentence)
            if offer is None:
                rest.append(sentence)
                continue
            # "We do not have its address or how to apply; parkbot can connect you with a person.": the first part
            head = _CLAUSE_END.split(sentence[:offer.start()])
            if len(head) > 1 and head[0].strip():
                rest.append(head[0].rstrip(" ,،") + ("۔" if _URDU_LETTER.search(head[0]) else "."))
            elif len(sentence) > OWN_OFFER_CHARS:
                rest.append(sentence)  # (a long sentence that says more besides stays whole)
        if rest:
            kept.append(" ".join(rest))
    return "\n\n".join(kept)
