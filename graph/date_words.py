"""Date words: the vocabulary the dates stage reads date expressions with.

Weekday and month names, phrases that name a day or a week relative to the publication date,
phrases that date an event by the day last named or by the event told just before, and the
words that fix which weekday is meant. Kept apart from ``graph.dates`` so the words can be
read and extended without reading the matching and resolving code.
"""

from __future__ import annotations

__all__ = [
    "DAYS_APART",
    "DAY_AFTER_MENTIONED",
    "DAY_BEFORE_MENTIONED",
    "DAY_BEFORE_NOUNS",
    "LIGHT_VERBS",
    "MENTIONED_DAY_SHIFTS",
    "MONTHS",
    "NEWS_NOUNS",
    "NEWS_VERBS",
    "NOMINAL_SUFFIXES",
    "PLURAL_POINTERS",
    "POINTING_BACK_TIMES",
    "POINTING_BACK_WORDS",
    "POINTING_DETERMINERS",
    "RELATIVE_DAYS",
    "RELATIVE_WEEKS",
    "SAME_DAY_AS_MENTIONED",
    "SAME_TIME_MARKERS",
    "SINGLE_POINTERS",
    "SOON_AFTER_PREVIOUS",
    "START_VERBS",
    "TENSE_DIRECTIONS",
    "TENSE_YEAR_SLACK",
    "TIE_NOUNS",
    "TIE_PREPOSITIONS",
    "TIE_WORDS",
    "TIMES_OF_DAY",
    "WEEKDAYS",
    "WEEKDAY_MODIFIERS",
]

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Phrases naming one day relative to the publication date: offset in days.
RELATIVE_DAYS: dict[str, int] = {
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "at midnight": 0,
    "midnight tonight": 0,
    "yesterday": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "last night": -1,
    "late last night": -1,
    "midnight last night": -1,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "tomorrow night": 1,
}

# "two days ago": a count of days back from the publication date (a week or more back is
# told as "last week", which names no day).
_DAY_COUNTS: dict[str, int] = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
RELATIVE_DAYS.update({f"{word} {'day' if n == 1 else 'days'} ago": -n for word, n in _DAY_COUNTS.items()})

# Phrases naming a week relative to the publication week: offset in weeks, or None for a
# week that names no day. The gold convention (unseen SOURCES.md, seeds 002, unseen 104):
# a statement made "this week" or "last week" has no day; "earlier this week" resolves to
# the week's Monday, the first day it could mean (three gold rows to two), and so do the
# weeks ahead, the first day a planned action could start.
RELATIVE_WEEKS: dict[str, int | None] = {
    "this week": None,
    "earlier this week": 0,
    "later this week": 0,
    "next week": 1,
    "last week": None,
}

# Phrases that date an event by the day last named ("ETFO walks out on Thursday. OSSTF
# pulls its teachers out that same day").
SAME_DAY_AS_MENTIONED: tuple[str, ...] = (
    "that day", "that same day", "the same day", "later that day", "later the same day",
    "that morning", "that afternoon", "that evening", "that night",
    "the same morning", "the same afternoon", "the same evening", "that same afternoon", "that same evening",
    "at the time",
)

# Words on a statement's verb that point back to the time told before it ("In November,
# members voted to strike. Thomas said then that ..."; "who said at the time").
POINTING_BACK_TIMES: tuple[str, ...] = ("then", "at the time")

# Phrases that date an event the day after the day last named ("Bluewater is first, on
# Feb. 3. Durham follows the next day").
DAY_AFTER_MENTIONED: tuple[str, ...] = ("the next day", "the following day", "a day later", "the day after", "one day later")

# Phrases that date an event the day before the day last named ("Bischof spoke on Thursday.
# The board had warned parents a day earlier"). Not "the day before", which is as often
# followed by the event it counts back from ("the day before the strike").
DAY_BEFORE_MENTIONED: tuple[str, ...] = ("the previous day", "a day earlier", "one day earlier", "the day prior",
                                         "the previous evening", "the previous night", "the night before")

# Days between the day last named and the day a same-day phrase of each kind points to.
MENTIONED_DAY_SHIFTS: dict[str, int] = {"mentioned": 0, "next": 1, "previous": -1}

# Gaps before "after"/"before" that put an event that many days from the day of the clause
# it hangs from ("Schools were closed today, a day after walkouts at three boards").
DAYS_APART: dict[str, int] = {"a day": 1, "one day": 1, "two days": 2, "three days": 3, "a week": 7, "one week": 7}

# Nouns naming the day before an event ('on the eve of the strike'), with the gap in days.
DAY_BEFORE_NOUNS: dict[str, int] = {"eve": 1}

# Verbs whose date is the day an announced action starts ("will announce on Monday its next
# phase of strikes, set to begin March 23": March 23, not Monday).
START_VERBS: frozenset[str] = frozenset({"begin", "start", "commence"})

# Phrases that date an event by the event told just before it ("Lecce announced the offer
# yesterday. ... Within hours, the union rejected it").
SOON_AFTER_PREVIOUS: tuple[str, ...] = (
    "within hours", "hours later", "minutes later", "moments later", "within minutes",
    "later in the day", "shortly after", "shortly afterward", "shortly afterwards",
    "soon after", "soon afterward", "soon afterwards", "within the hour",
)

# Words before a weekday name that fix which occurrence is meant.
# None means "follow the tense"; otherwise the search direction, strictly
# excluding the article date itself.
# "this past Friday" and "this coming Monday" say the direction outright, whatever the tense
# of the clause ("said it will meet this past Friday's demands" is still last Friday).
WEEKDAY_MODIFIERS: dict[str, int | None] = {"this": None, "next": 1, "last": -1, "this past": -1, "past": -1,
                                            "this coming": 1, "coming": 1}

# Search direction for a bare weekday name, by tense of the clause.
# The article date itself counts ("announced Thursday" in a Thursday paper).
TENSE_DIRECTIONS: dict[str, int] = {"past": -1, "present": 1, "future": 1}

# Days (about a season) a month-day may lie against its clause's tense before its year flips:
# "walked off the job on Dec. 4" in a June paper is the December before, though the next one
# is nearer.
TENSE_YEAR_SLACK: int = 90

TIMES_OF_DAY: tuple[str, ...] = ("morning", "afternoon", "evening", "night")

# Words opening a clause that sets a statement at another event's time ("When he announced
# the strike last Friday, Bischof said ..."), and prepositions that do so with a participle
# ("In releasing the results, the union said ...").
TIE_WORDS: frozenset[str] = frozenset({"when", "after", "as", "once"})
TIE_PREPOSITIONS: frozenset[str] = frozenset({"in", "after", "upon", "on"})
# Nouns of time a clause on which names the event that sets a statement's day ("attacked the
# bill the day it was tabled", "spoke out the morning the cuts were announced").
TIE_NOUNS: frozenset[str] = frozenset({"day", "morning", "afternoon", "evening", "night", "moment"})

# Endings that make a noun of a verb's stem, so that a noun names again an event a verb told
# ("passage" of "pass", "announcement" of "announce", "tabling" of "table").
NOMINAL_SUFFIXES: tuple[str, ...] = ("", "age", "ment", "al", "ing", "ion", "ation", "ure")

# Making news, besides the verbs of saying: a statement tied to "the announcement" or "the
# release" (or made "in announcing" something) takes the day the story told that news on,
# whichever verb of saying or announcing told it ("the union said earlier this week ...").
NEWS_VERBS: frozenset[str] = frozenset({"release", "unveil", "issue", "publish"})
NEWS_NOUNS: frozenset[str] = frozenset({"statement", "release", "announcement", "news", "notice"})
# Determiners that make a noun name again something told before ("the announcement", "that
# release", "those workers"): the one list every rule reading a pointing noun takes its words from.
SINGLE_POINTERS: frozenset[str] = frozenset({"the", "this", "that"})
PLURAL_POINTERS: frozenset[str] = frozenset({"these", "those"})
POINTING_DETERMINERS: frozenset[str] = SINGLE_POINTERS | PLURAL_POINTERS
POINTING_BACK_WORDS: frozenset[str] = SINGLE_POINTERS | frozenset({"its", "his", "her", "their"})

# Verbs too general to name an event by themselves ("made his announcement": the noun does).
LIGHT_VERBS: frozenset[str] = frozenset({"be", "have", "do", "make", "take", "give", "get", "go", "come", "say",
                                          "hold", "keep", "put", "set", "see", "let", "become"})

# Words opening a clause of the same time as the verb it hangs on ('When the talks opened on
# Monday, Hammond said ...'): that clause's day is the day of what the verb reports.
SAME_TIME_MARKERS = frozenset({"when", "as", "while"})
