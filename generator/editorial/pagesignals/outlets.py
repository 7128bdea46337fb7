"""News outlets that briefings cite: their display names, spellings and web domains.

Ingest uses the table to tell the outlet that wrote a report from the site that
republished it ("By RFE/RL" on Oilprice.com: name RFE/RL, via Oilprice.com) and to
keep outlet names out of the actor and region matching ("The Washington Post" is
not the United States). An outlet missing here is still recognised from a page's
own markup or wording, only less surely; add the ones editors meet often.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

from generator.content.registries import name_key


@dataclass(frozen=True)
class Outlet:
    """One outlet: the name briefings use for it, other spellings, its web domains."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    carries_others: bool = False  # an aggregator or newsstand: its pages are others' reports

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


OUTLETS: tuple[Outlet, ...] = (
    Outlet("RFE/RL", ("rferl.org", "azatutyun.am", "azatutyun.org", "svoboda.org"),
           ("Radio Free Europe/Radio Liberty", "Radio Free Europe", "RFE/RL's Armenian Service",
            "RFE/RL's Azerbaijani Service", "Azatutyun", "Radio Azatutyun")),
    Outlet("Oilprice.com", ("oilprice.com",), ("Oilprice", "OilPrice.com")),
    Outlet("Reuters", ("reuters.com",), ("Thomson Reuters", "رويترز", "Рейтер", "Рейтерс")),
    Outlet("Associated Press", ("apnews.com", "ap.org"),
           ("The Associated Press", "AP", "AP News")),
    Outlet("AFP", ("afp.com",), ("Agence France-Presse", "Agence France Presse", "فرانس برس",
                                 "أ ف ب", "Франс Пресс")),
    Outlet("Eurasianet", ("eurasianet.org",), ("EurasiaNet",)),
    Outlet("OC Media", ("oc-media.org",)),
    Outlet("CivilNet", ("civilnet.am",)),
    Outlet("JAMnews", ("jam-news.net",), ("JAM News",)),
    Outlet("Armenpress", ("armenpress.am",), ("ARMENPRESS", "Armenian News Agency")),
    Outlet("News.am", ("news.am",)),
    Outlet("Hetq", ("hetq.am",)),
    Outlet("Asbarez", ("asbarez.com",)),
    Outlet("Armenian Weekly", ("armenianweekly.com",), ("The Armenian Weekly",)),
    Outlet("APA", ("apa.az",), ("APA News Agency",)),
    Outlet("Trend", ("trend.az",), ("Trend News Agency",)),
    Outlet("Report.az", ("report.az",)),
    Outlet("Azernews", ("azernews.az",), ("AzerNews",)),
    Outlet("AZERTAC", ("azertac.az", "azertag.az"), ("Azertac",)),
    Outlet("Caspian News", ("caspiannews.com",)),
    Outlet("Turan", ("turan.az",), ("Turan News Agency",)),
    Outlet("Meydan TV", ("meydan.tv",)),
    Outlet("TASS", ("tass.com", "tass.ru"), ("ТАСС",)),
    Outlet("RIA Novosti", ("ria.ru",), ("РИА Новости",)),
    Outlet("Interfax", ("interfax.com", "interfax.ru"), ("Интерфакс",)),
    Outlet("Interfax-Ukraine", ("interfax.com.ua",), ("Інтерфакс-Україна",)),
    Outlet("Kommersant", ("kommersant.ru",), ("Коммерсантъ",)),
    Outlet("The Moscow Times", ("themoscowtimes.com",), ("Moscow Times",)),
    Outlet("Meduza", ("meduza.io",)),
    Outlet("Al Jazeera", ("aljazeera.com", "aljazeera.net"),
           ("Al Jazeera English", "الجزيرة", "الجزيرة نت")),
    Outlet("Asharq Al-Awsat", ("aawsat.com",), ("الشرق الأوسط", "Asharq Al Awsat")),
    # Not "العربية" alone: that is also the word "Arabic", and mentions() finds spellings.
    Outlet("Al Arabiya", ("alarabiya.net",), ("العربية.نت", "Al Arabiya English")),
    Outlet("Sky News Arabia", ("skynewsarabia.com",), ("سكاي نيوز عربية",)),
    Outlet("Izvestia", ("iz.ru",), ("Известия",)),
    Outlet("RT", ("rt.com", "russian.rt.com"), ("Russia Today",)),
    Outlet("Le Figaro", ("lefigaro.fr",)),
    Outlet("BBC News", ("bbc.com", "bbc.co.uk"), ("BBC",)),
    Outlet("The Guardian", ("theguardian.com",), ("Guardian",)),
    Outlet("The New York Times", ("nytimes.com",), ("New York Times", "NYT")),
    Outlet("The Washington Post", ("washingtonpost.com",), ("Washington Post",)),
    Outlet("The Wall Street Journal", ("wsj.com",), ("Wall Street Journal", "WSJ")),
    Outlet("Financial Times", ("ft.com",), ("The Financial Times", "FT")),
    Outlet("Bloomberg", ("bloomberg.com",), ("Bloomberg News",)),
    Outlet("The Economist", ("economist.com",)),
    Outlet("Politico", ("politico.com", "politico.eu"), ("POLITICO", "Politico Europe")),
    Outlet("CNN", ("cnn.com",)),
    Outlet("ABC News", ("abcnews.go.com", "abcnews.com")),
    Outlet("CBS News", ("cbsnews.com",)),
    Outlet("NBC News", ("nbcnews.com",)),
    Outlet("NPR", ("npr.org",)),
    Outlet("Voice of America", ("voanews.com",), ("VOA",)),
    Outlet("Yahoo News", ("yahoo.com", "news.yahoo.com"), ("Yahoo",), carries_others=True),
    Outlet("MSN", ("msn.com",), carries_others=True),
    Outlet("Apple News", ("apple.news",), carries_others=True),
    Outlet("MENAFN", ("menafn.com",), carries_others=True),
    Outlet("PressReader", ("pressreader.com",), carries_others=True),
    Outlet("ReliefWeb", ("reliefweb.int",), carries_others=True),
    Outlet("France 24", ("france24.com",), ("FRANCE 24",)),
    Outlet("Euronews", ("euronews.com",)),
    Outlet("Deutsche Welle", ("dw.com",), ("DW",)),
    Outlet("Le Monde", ("lemonde.fr",)),
    Outlet("RFI", ("rfi.fr",), ("Radio France Internationale",)),
    Outlet("Global Voices", ("globalvoices.org",)),
    Outlet("openDemocracy", ("opendemocracy.net",)),
    Outlet("The Conversation", ("theconversation.com",),
           ("The Conversation US", "The Conversation UK", "The Conversation France")),
    Outlet("Crisis Group", ("crisisgroup.org",), ("International Crisis Group",)),
    Outlet("Euractiv", ("euractiv.com",), ("EURACTIV",)),
    Outlet("EUobserver", ("euobserver.com",)),
    Outlet("Anadolu Agency", ("aa.com.tr",), ("Anadolu", "AA", "الأناضول", "Анадолу")),
    Outlet("Daily Sabah", ("dailysabah.com",)),
    Outlet("Hürriyet Daily News", ("hurriyetdailynews.com",), ("Hurriyet Daily News",)),
    Outlet("Civil.ge", ("civil.ge",), ("Civil Georgia",)),
    Outlet("IWPR", ("iwpr.net",), ("Institute for War and Peace Reporting",)),
    Outlet("Foreign Policy", ("foreignpolicy.com",)),
    Outlet("The Independent", ("independent.co.uk",)),
    Outlet("The Telegraph", ("telegraph.co.uk",)),
    Outlet("Kyiv Independent", ("kyivindependent.com",), ("The Kyiv Independent",)),
    Outlet("Xinhua", ("xinhuanet.com", "news.cn"), ("Xinhua News Agency",)),
)

# Outlets are companies, agencies and services; people's names have none of these words.
_OUTLET_WORDS = re.compile(
    r"\b(?:news|times|press|agency|agence|service|media|radio|tv|television|post|journal|"
    r"herald|telegraph|tribune|gazette|network|daily|weekly|online|wire|reports?|staff|desk|"
    r"newsroom|editorial|bureau|channel)\b|/|\.(?:com|org|net|am|az|ru|ge)\b", re.IGNORECASE)
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|org|net|am|az|ru|ge|eu|io|info|news|co\.uk|fr|"
                     r"de|tr|cn|tv))\b", re.IGNORECASE)


_SITE_SUFFIX = re.compile(r"\.(?:fr|com|ru|am|az|ge|net|org|نت)$", re.IGNORECASE)


def is_native_script(name: str) -> bool:
    """A name written with letters but none of them Latin ("Новая газета", "العربية")."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and not any("LATIN" in unicodedata.name(c, "") for c in letters)


def has_native_word(name: str) -> bool:
    """A name with a word written in letters none of them Latin ("Sputnik Армения"): not the
    Latin name briefings use, whatever its other words."""
    return any(is_native_script(word) for word in name.split())


def initials(name: str) -> str:
    """The capitals a name's words begin with ("Middle East Eye" -> "MEE")."""
    return "".join(word[0] for word in re.findall(r"[^\W\d_][\w'’-]*", name)
                   if word[0].isupper())


def same_organisation(one: str, other: str) -> bool:
    """Two names of one organisation: one is the other's initials ("MEE", "Middle East
    Eye") and no known outlet's, or both begin with the same word and have the same
    initials, the one name in two languages ("Anadolu Agency", "Anadolu Ajansı")."""
    short, long_ = sorted((one.strip(), other.strip()), key=len)
    if len(short) >= 2 and short.isupper() and " " not in short and initials(long_) == short \
            and by_name(short) is None:  # not a known agency's credit ("AA" on another site)
        return True
    first = [name.split()[0].casefold() for name in (one, other) if name.split()]
    return (len(one.split()) >= 2 and len(other.split()) >= 2 and len(set(first)) == 1
            and initials(one) == initials(other))


def host_of(url: str) -> str:
    """The host of a URL without ``www.`` (empty for something that is not a URL)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def by_domain(host: str) -> Outlet | None:
    """The outlet a host name belongs to (``news.yahoo.com`` -> Yahoo News)."""
    host = host.lower().removeprefix("www.")
    for outlet in OUTLETS:
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet
    return None


def by_name(text: str) -> Outlet | None:
    """The outlet a name or spelling stands for, ignoring case and a leading 'The'."""
    wanted = _bare(text)
    for outlet in OUTLETS:
        if any(_bare(spelling) == wanted for spelling in outlet.spellings):
            return outlet
    domain = _DOMAIN.fullmatch(text.strip())
    if domain:
        return by_domain(domain.group(1))
    site = _SITE_SUFFIX.sub("", text.strip())  # "Le Monde.fr", "العربية.نت": the name and a TLD
    return by_name(site) if site != text.strip() and site else None


def _bare(text: str) -> str:
    key = name_key(text.strip(" .,:;'’\"“”«»"))
    return key[4:] if key.startswith("the ") else key


def canonical(name: str) -> str:
    """The display name for an outlet named ``name``, or the name as written."""
    outlet = by_name(name)
    return outlet.name if outlet else name.strip()


def mentions(text: str) -> Iterator[tuple[Outlet, int, int]]:
    """Every known outlet named or whose domain is written in ``text``: (outlet, start, end)."""
    for pattern in _MENTION_PATTERNS:
        for match in pattern.finditer(text):
            outlet = _BY_SPELLING.get(match.group(0).casefold())
            if outlet is not None:
                yield outlet, match.start(), match.end()


def _mention_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One pattern for short capitalised names (exact case: "AP", not "ap"), one for the rest."""
    spellings = sorted({s for o in OUTLETS for s in (*o.spellings, *o.domains)}, key=len,
                       reverse=True)
    exact = [s for s in spellings if s.isupper() and len(s) <= 4]
    loose = [s for s in spellings if s not in exact]

    def alternation(names: list[str]) -> str:
        return r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?!\w|\.\w)"
    return re.compile(alternation(exact)), re.compile(alternation(loose), re.IGNORECASE)


# Immutable lookup tables, built once at import.
_BY_SPELLING = MappingProxyType(
    {s.casefold(): o for o in reversed(OUTLETS) for s in (*o.spellings, *o.domains)})
_MENTION_PATTERNS = _mention_patterns()

def looks_like_outlet(name: str) -> bool:
    """True for a byline that names an organisation rather than a person."""
    words = name.split()
    if by_name(name) is not None or _OUTLET_WORDS.search(name):
        return True
    shouted = [w for w in words if len(w) >= 2 and w.isupper()]
    # An acronym names an organisation; a name all in capitals ("By ARAZ AGHAYEV", as
    # agencies write bylines) is a person.
    return bool(shouted) and not (2 <= len(words) <= 4 and len(shouted) == len(words))


def site_from_domain(host: str) -> str:
    """A display name for a site known only by its host: the outlet's, or the host itself."""
    outlet = by_domain(host)
    if outlet:
        return outlet.name
    return host[:1].upper() + host[1:] if host else ""
