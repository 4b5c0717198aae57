#!/usr/bin/env python3
"""Build the bundled painmap sample exports from texts.tsv.

Reads corpora/samples/texts.tsv (topic, kind, text) and writes, next to it:

  tickets.csv    Zendesk-style ticket export   (every `ticket` text)
  reviews.jsonl  app-store reviews, one object per line (every `review` text)
  social.csv     social-listening export       (every `social` text)

Each text is used exactly once. Dates fall between 2025-12-01 and 2026-11-20
and are chosen per topic so that the demo shows the planted trends:

  (a) delivery_delay: flat for nine months, rising sharply Sep-Nov 2026;
      every text that mentions the courier ParcelGo is dated Sep-Nov 2026.
  (b) app_crash: low until release 5.2 on 2026-08-15, then a spike over the
      following six weeks; every crash text that mentions 5.2 / the update is
      dated on or after the release, and those reviews carry app_version 5.2.x.
  (c) billing_error: declining month by month over the year.
  (d) everything else: spread evenly, with weekday / time-of-day patterns.

Standard library only; deterministic (random.Random(2026)).
Usage: python3 corpora/samples/build_samples.py
"""

import csv
import json
import os
import re
import string
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
import random

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS = os.path.join(HERE, "texts.tsv")
TICKETS = os.path.join(HERE, "tickets.csv")
REVIEWS = os.path.join(HERE, "reviews.jsonl")
SOCIAL = os.path.join(HERE, "social.csv")

rng = random.Random(2026)

START = date(2025, 12, 1)
END = date(2026, 11, 20)          # inclusive
RELEASE_52 = date(2026, 8, 15)    # app release 5.2
SPIKE_DAYS = 42                   # six weeks after the release

DAYS = [START + timedelta(days=i) for i in range((END - START).days + 1)]
MONTHS = sorted({(d.year, d.month) for d in DAYS})
MONTH_LABEL = {m: date(m[0], m[1], 1).strftime("%b%y") for m in MONTHS}

PARCELGO_RE = re.compile(r"\bparcel\s?go\b", re.I)
RELEASE_RE = re.compile(r"5\.2|updat|upgrad|new version|latest version|most recent version", re.I)
EXPLICIT_52_RE = re.compile(r"\b5\.2\b")

COMPLAINT_POSITIVE_RE = re.compile(
    r"\b(love|lovely|great|nice|fine|good|excellent|happy|beautiful|gorgeous|decent|fair play|to be fair)\b", re.I)
PRAISE_MIXED_RE = re.compile(
    r"\b(but|only|wish|could be|a while|longer|slow|a little|slightly|gripe|a bit)\b", re.I)

# ---------------------------------------------------------------- input ----

def read_texts():
    docs = []
    with open(TEXTS, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["topic", "kind", "text"]:
            sys.exit("unexpected header in texts.tsv: %r" % header)
        for n, line in enumerate(f, 2):
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            if len(parts) != 3 or parts[1] not in ("ticket", "review", "social"):
                sys.exit("bad line %d in texts.tsv" % n)
            topic, kind, text = parts
            docs.append({"idx": len(docs), "topic": topic, "kind": kind, "text": text})
    return docs

# ---------------------------------------------------------------- dates ----

WEEKDAY_W = {  # Monday .. Sunday
    "ticket": [1.25, 1.2, 1.1, 1.05, 1.0, 0.6, 0.55],
    "review": [0.9, 0.9, 0.95, 0.95, 1.0, 1.2, 1.25],
    "social": [0.9, 0.9, 0.9, 1.0, 1.1, 1.2, 1.25],
}
HOUR_W = {  # 0 .. 23
    "ticket": [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 6.5, 6, 5, 5.5, 5.5, 5, 4.5, 4, 3, 2.5, 2.2, 2, 1.5, 0.9],
    "review": [1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 2.5, 3, 3, 3.2, 4, 4, 3.5, 3.2, 3.2, 3.5, 4, 4.5, 5, 5, 4, 2],
    "social": [1.5, 1, 0.5, 0.3, 0.2, 0.3, 0.8, 2.5, 3.5, 3, 2.5, 2.5, 3.5, 3.5, 2.5, 2.5, 3, 3.5, 4, 4.5, 5, 5, 4.5, 3],
}


def ndays(m):
    return sum(1 for d in DAYS if (d.year, d.month) == m)


def weights_uniform(d):
    return 1.0


def weights_parcelgo(d):
    # the new courier starts in September; complaints grow month by month
    share = {(2026, 9): 0.22, (2026, 10): 0.34, (2026, 11): 0.44}.get((d.year, d.month), 0.0)
    return share / ndays((d.year, d.month)) if share else 0.0


def weights_release(d):
    i = (d - RELEASE_52).days
    if i < 0:
        return 0.0
    if i < SPIKE_DAYS:                  # spike, highest right after the release
        return 2.0 - 1.4 * i / SPIKE_DAYS
    return 0.15                         # long tail of stragglers


BILLING_MONTH_W = {m: 12 - i for i, m in enumerate(MONTHS)}   # Dec 12 ... Nov 1


def weights_billing(d):
    m = (d.year, d.month)
    return BILLING_MONTH_W[m] / ndays(m)


def month_quotas(n, day_weight):
    """Split n documents over the months in proportion to the summed day
    weights (largest remainder), so the monthly table follows the shape."""
    mw = defaultdict(float)
    for d in DAYS:
        mw[(d.year, d.month)] += day_weight(d)
    total = sum(mw.values())
    exact = {m: n * mw[m] / total for m in MONTHS}
    quota = {m: int(exact[m]) for m in MONTHS}
    rest = n - sum(quota.values())
    for m in sorted(MONTHS, key=lambda m: (exact[m] - quota[m], m), reverse=True)[:rest]:
        quota[m] += 1
    return quota


def pick_time(kind, day, earliest_hour=0):
    hours = list(range(earliest_hour, 24))
    h = rng.choices(hours, weights=[HOUR_W[kind][x] for x in hours])[0]
    return datetime(day.year, day.month, day.day, h, rng.randrange(60), rng.randrange(60))


def allocate(group, day_weight):
    """Give every document of the group a timestamp following day_weight."""
    group = sorted(group, key=lambda d: d["idx"])
    rng.shuffle(group)
    quota = month_quotas(len(group), day_weight)
    pos = 0
    for m in MONTHS:
        mdays = [d for d in DAYS if (d.year, d.month) == m and day_weight(d) > 0]
        for doc in group[pos:pos + quota[m]]:
            w = [day_weight(d) * WEEKDAY_W[doc["kind"]][d.weekday()] for d in mdays]
            day = rng.choices(mdays, weights=w)[0]
            earliest = 10 if (doc.get("release") and day == RELEASE_52) else 0
            doc["dt"] = pick_time(doc["kind"], day, earliest)
        pos += quota[m]
    assert pos == len(group)


def assign_dates(docs):
    groups = defaultdict(list)
    for doc in docs:
        t = doc["text"]
        doc["parcelgo"] = bool(PARCELGO_RE.search(t))
        doc["release"] = bool(EXPLICIT_52_RE.search(t)) or (
            doc["topic"] == "app_crash" and bool(RELEASE_RE.search(t)))
        if doc["parcelgo"]:
            groups["parcelgo"].append(doc)
        elif doc["release"]:
            groups["release"].append(doc)
        elif doc["topic"] == "billing_error":
            groups["billing"].append(doc)
        else:
            groups["even:" + doc["topic"]].append(doc)
    for name in sorted(groups):
        if name == "parcelgo":
            allocate(groups[name], weights_parcelgo)
        elif name == "release":
            allocate(groups[name], weights_release)
        elif name == "billing":
            allocate(groups[name], weights_billing)
        else:
            allocate(groups[name], weights_uniform)

# ---------------------------------------------------------------- people ----

FIRST = ("Emma Olivia Amelia Isla Ava Mia Grace Sophie Chloe Ella Lily Freya Ruby Zara Aisha Priya Hannah Lucy "
         "Megan Fiona Helen Sarah Claire Rachel Laura Joanne Karen Nicola Anne Margaret Patricia Louise Alison "
         "Oliver George Harry Jack Noah Leo Oscar Charlie James Thomas Daniel Samuel Joseph Adam Ryan Liam Owen "
         "Ben Matthew David Michael Mark Paul Andrew Richard Neil Gavin Rob Tom Marcus Omar Ravi Arjun Kwame "
         "Tomasz Andrei Luca Mateo Yusuf Kenji Sean Callum Rhys Dylan Finley Imran Chidi Wei").split()
LAST = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Thompson Evans Walker "
        "White Roberts Green Hall Wood Jackson Clarke Hughes Edwards Turner Hill Moore Cooper Ward Morris King "
        "Harris Lewis Baker Young Allen Mitchell Kelly Bell Khan Ali Begum Murphy Campbell Stewart Reid Grant "
        "Okafor Adeyemi Nowak Kowalski Popescu Rossi Chen Wong Singh Kaur Sharma Doyle Marsh Whitfield Fraser "
        "Lloyd Price Owen Morgan Barker Holmes Pearce Sutton Fletcher Chapman Gibson Hunt Palmer").split()
WORDS = ("kettle tea toast brew mug cosy home kitchen oak maple fern moss cloud sunny rainy lazy happy "
         "quiet tired grumpy busy coffee biscuit pancake crumpet teapot duvet linen lamp pebble river "
         "harbour fox otter badger robin wren heron").split()


def person():
    return rng.choice(FIRST), rng.choice(LAST)


NAME_PAT = r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?(?:[A-Z]\. ?)?[A-Z][a-z]+(?: [A-Z][a-zA-Z'-]+)?"
NAME_LINE_RE = re.compile(r"^(%s)\s*x?$" % NAME_PAT)
SIGNOFF_RE = re.compile(r"(?i:thanks|thank you|cheers|regards|wishes|best|thx)[,!.]? +(%s)\s*x?$" % NAME_PAT)
NOT_NAMES = {"Thanks", "Thank", "Cheers", "Ta", "Regards", "Please", "Hi", "Hello", "Thx", "Help", "Nothing",
             "Shortly", "Seriously", "Anyone", "Urgent"}


def requester_from(body):
    """Use the sign-off name when a ticket ends with one ("Thanks, Priya")."""
    body = body.strip()
    lines = body.split("\n")
    m = NAME_LINE_RE.match(lines[-1].strip()) if len(lines) > 1 else None
    m = m or SIGNOFF_RE.search(body)
    if not m:
        return None
    name = m.group(1).strip()
    if name.split()[0] in NOT_NAMES:
        return None
    if len(name.split()) == 1:
        name = "%s %s" % (name, rng.choice(LAST))
    return name


def email_for(name):
    parts = re.sub(r"[^a-z ]", "", name.lower().replace("mr ", "").replace("mrs ", "").replace("dr ", "")).split()
    if not parts:
        parts = [rng.choice(FIRST).lower()]
    style = rng.randrange(4)
    if style == 0:
        local = ".".join(parts)
    elif style == 1:
        local = parts[0] + (parts[-1][0] if len(parts) > 1 else "") + str(rng.randrange(10, 99))
    elif style == 2:
        local = parts[0][0] + (parts[-1] if len(parts) > 1 else parts[0])
    else:
        local = "_".join(parts) + str(rng.randrange(1970, 2005))
    return "%s@%s" % (local, rng.choice(["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.co.uk",
                                          "icloud.com", "btinternet.com", "proton.me"]))


def handle(network):
    f, l = person()
    style = rng.randrange(5)
    if network == "Reddit":
        return "u/" + rng.choice([
            "%s_%s%d" % (rng.choice(WORDS), rng.choice(WORDS), rng.randrange(10, 999)),
            "%s%s" % (f, rng.choice(WORDS).capitalize()),
            "throwaway_%d" % rng.randrange(1000, 99999),
            "%s_%s" % (rng.choice(WORDS).capitalize(), rng.choice(WORDS).capitalize())])
    if network == "Facebook":
        return "%s %s" % (f, l)
    base = [f.lower() + l.lower()[:1] + str(rng.randrange(80, 100)),
            "%s_%s" % (f.lower(), l.lower()),
            "%s.%s" % (f.lower(), rng.choice(WORDS)),
            "%s%s%d" % (rng.choice(WORDS), f, rng.randrange(1, 99)),
            "the%s%s" % (rng.choice(WORDS), l.lower())][style]
    return ("@" + base) if network == "Twitter" else base


def b62(n):
    chars = string.ascii_letters + string.digits + "_-"
    return "".join(rng.choice(chars) for _ in range(n))


def post_url(network, author, text):
    if network == "Twitter":
        return "https://twitter.com/%s/status/%d" % (author.lstrip("@"), rng.randrange(10 ** 18, 2 * 10 ** 18))
    if network == "Instagram":
        return "https://www.instagram.com/p/%s/" % b62(11)
    if network == "Facebook":
        return "https://www.facebook.com/NorthwindGoods/posts/%d" % rng.randrange(10 ** 15, 10 ** 16)
    slug = "_".join(re.sub(r"[^a-z0-9 ]", "", text.lower()).split()[:7]) or "post"
    pid = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(6))
    return "https://www.reddit.com/r/NorthwindGoods/comments/%s/%s/" % (pid, slug)

# -------------------------------------------------------------- reviews ----

RELEASES = [("5.0.0", date(2025, 11, 18)), ("5.0.1", date(2025, 12, 9)), ("5.0.2", date(2026, 1, 20)),
            ("5.0.3", date(2026, 2, 24)), ("5.1.0", date(2026, 4, 2)), ("5.1.1", date(2026, 5, 12)),
            ("5.1.2", date(2026, 6, 18)), ("5.1.3", date(2026, 7, 21)), ("5.2.0", RELEASE_52),
            ("5.2.1", date(2026, 8, 29)), ("5.2.2", date(2026, 9, 24)), ("5.2.3", date(2026, 10, 27))]


def app_version(doc):
    if "5.2.0" in doc["text"]:
        return "5.2.0"
    d = doc["dt"].date()
    i = max(k for k, (_, rd) in enumerate(RELEASES) if rd <= d)
    r = rng.random()
    lag = 2 if r < 0.05 else 1 if r < 0.22 else 0
    i = max(0, i - lag)
    if doc["release"]:                      # complaints about 5.2 come from 5.2.x
        i = max(i, 8)
    return RELEASES[i][0]


IOS_RE = re.compile(r"iphone|ipad|\bios\b|apple pay|face id|sign in with apple|voiceover|apple watch|testflight", re.I)
ANDROID_RE = re.compile(r"android|samsung|galaxy|pixel|xiaomi|huawei|motorola|oppo|lenovo|google pay", re.I)


def store_for(text):
    if IOS_RE.search(text):
        return "App Store"
    if ANDROID_RE.search(text):
        return "Google Play"
    return rng.choice(["App Store", "Google Play"])


NUMWORD = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def explicit_rating(text):
    t = text.lower()
    m = re.search(r"settled on (\d)", t)
    if m:
        return int(m.group(1))
    if "average it out" in t:
        return 3
    if "knocked a star off" in t:
        return 4
    if re.search(r"\b(5/5|10/10)\b", t):
        return 5
    found = []
    for m in re.finditer(r"\b([1-5]|one|two|three|four|five) stars?\b(?! app)", t):
        before = t[max(0, m.start() - 14):m.start()]
        if re.search(r"(would be|it.d be|used to be|otherwise|gave|being a)\s*$", before):
            continue
        found.append(m.group(1))
    if found:
        v = found[-1]
        return NUMWORD.get(v) or int(v)
    return None


def rating_for(doc):
    r = explicit_rating(doc["text"])
    if r:
        return r
    t = doc["text"]
    if doc["topic"] == "praise":
        if PRAISE_MIXED_RE.search(t):
            return rng.choices([4, 5], weights=[0.8, 0.2])[0]
        return rng.choices([5, 4], weights=[0.75, 0.25])[0]
    if doc["topic"] == "missing_feature":
        return rng.choices([2, 3], weights=[0.45, 0.55])[0]
    if COMPLAINT_POSITIVE_RE.search(t):
        return rng.choices([2, 3], weights=[0.45, 0.55])[0]
    return rng.choices([1, 2, 3], weights=[0.55, 0.3, 0.15])[0]


def title_for(text):
    first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
    first = first.rstrip(".!? ")
    words = first.split()
    if len(words) <= 7:
        return first
    return " ".join(words[:5]).rstrip(",;:-") + "..."

# --------------------------------------------------------------- social ----

def network_for(text):
    t = text.lower()
    if "reddit" in t or "r/northwindgoods" in t:
        return "Reddit"
    if "@northwindgoods" in t:
        return rng.choices(["Twitter", "Instagram", "Facebook"], weights=[0.7, 0.15, 0.15])[0]
    if "#" in t:
        return rng.choices(["Twitter", "Instagram"], weights=[0.5, 0.5])[0]
    if len(t.split()) > 40:
        return rng.choices(["Facebook", "Reddit", "Twitter"], weights=[0.5, 0.3, 0.2])[0]
    return rng.choices(["Twitter", "Facebook", "Instagram", "Reddit"], weights=[0.4, 0.3, 0.2, 0.1])[0]

# ---------------------------------------------------------------- write ----

def write_tickets(docs):
    docs = sorted(docs, key=lambda d: (d["dt"], d["idx"]))
    tid = 302417
    with open(TICKETS, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["Ticket ID", "Subject", "Description", "Created at", "Channel", "Requester", "Satisfaction"])
        for doc in docs:
            subject, body = doc["text"].split(" || ", 1)
            body = body.replace(" / ", "\n")
            multi = "\n" in body
            if multi or body.startswith(("Dear", "To whom")):
                channel = rng.choices(["email", "web"], weights=[0.7, 0.3])[0]
            elif len(body.split()) < 15:
                channel = rng.choices(["chat", "web", "email", "phone"], weights=[0.4, 0.3, 0.2, 0.1])[0]
            else:
                channel = rng.choices(["email", "web", "chat", "phone"], weights=[0.45, 0.25, 0.2, 0.1])[0]
            name = requester_from(body) or "%s %s" % person()
            requester = "%s <%s>" % (name, email_for(name))
            if doc["topic"] == "praise":
                sat = rng.choices(["good", ""], weights=[0.65, 0.35])[0]
            elif doc["topic"] in ("slow_support", "rude_staff"):
                sat = rng.choices(["bad", "good", ""], weights=[0.55, 0.05, 0.4])[0]
            else:
                sat = rng.choices(["bad", "good", ""], weights=[0.35, 0.1, 0.55])[0]
            w.writerow([tid, subject, body, doc["dt"].strftime("%Y-%m-%d %H:%M:%S"), channel, requester, sat])
            tid += rng.choice([1, 1, 2, 3, 5, 8])
    return len(docs)


def write_reviews(docs):
    docs = sorted(docs, key=lambda d: (d["dt"], d["idx"]))
    with open(REVIEWS, "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            store = store_for(doc["text"])
            rid = ("gp:AOqpT" + b62(24)) if store == "Google Play" else str(rng.randrange(10 ** 9, 10 ** 10))
            obj = {
                "review_id": rid,
                "date": doc["dt"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                "rating": rating_for(doc),
                "title": title_for(doc["text"]),
                "body": doc["text"],
                "store": store,
                "app_version": app_version(doc),
            }
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return len(docs)


def write_social(docs):
    docs = sorted(docs, key=lambda d: (d["dt"], d["idx"]))
    with open(SOCIAL, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["Date", "Author", "Network", "Post URL", "Message"])
        for doc in docs:
            net = network_for(doc["text"])
            author = handle(net)
            w.writerow([doc["dt"].strftime("%d/%m/%Y %H:%M"), author, net,
                        post_url(net, author, doc["text"]), doc["text"]])
    return len(docs)

# ---------------------------------------------------------------- check ----

def verify(expected):
    """Re-read the three exports with csv/json and count the documents."""
    with open(TICKETS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        datetime.strptime(r["Created at"], "%Y-%m-%d %H:%M:%S")
        assert r["Channel"] in ("email", "web", "chat", "phone")
        assert r["Satisfaction"] in ("", "good", "bad")
    n_t = len(rows)
    n_r = 0
    with open(REVIEWS, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            datetime.strptime(o["date"], "%Y-%m-%dT%H:%M:%SZ")
            assert 1 <= o["rating"] <= 5 and o["store"] in ("App Store", "Google Play")
            n_r += 1
    with open(SOCIAL, encoding="utf-8", newline="") as f:
        srows = list(csv.DictReader(f))
    for r in srows:
        datetime.strptime(r["Date"], "%d/%m/%Y %H:%M")
        assert r["Network"] in ("Twitter", "Instagram", "Facebook", "Reddit")
    n_s = len(srows)
    assert (n_t, n_r, n_s) == expected, ((n_t, n_r, n_s), expected)
    return n_t, n_r, n_s


def summary(docs, counts):
    n_t, n_r, n_s = counts
    print("painmap sample exports (seed 2026), %s .. %s" % (START, END))
    print("  tickets.csv    %5d tickets" % n_t)
    print("  reviews.jsonl  %5d reviews" % n_r)
    print("  social.csv     %5d posts" % n_s)
    print("  total          %5d documents = %d texts in texts.tsv" % (n_t + n_r + n_s, len(docs)))
    print()
    table = defaultdict(Counter)
    for d in docs:
        m = (d["dt"].year, d["dt"].month)
        table[d["topic"]][m] += 1
        if d["topic"] == "delivery_delay" and d["parcelgo"]:
            table["  of which ParcelGo"][m] += 1
        if d["topic"] == "app_crash" and d["release"]:
            table["  of which 5.2/update"][m] += 1
    rows = []
    for t in sorted(k for k in table if not k.startswith(" ")):
        rows.append(t)
        if t == "delivery_delay":
            rows.append("  of which ParcelGo")
        if t == "app_crash":
            rows.append("  of which 5.2/update")
    width = max(len(r) for r in rows) + 1
    print("documents per topic per month (Nov 2026 runs to the 20th)")
    print(" " * width + "".join("%6s" % MONTH_LABEL[m] for m in MONTHS) + "  total")
    for r in rows:
        print(r.ljust(width) + "".join("%6d" % table[r][m] for m in MONTHS) + "  %5d" % sum(table[r].values()))
    tot = Counter()
    for d in docs:
        tot[(d["dt"].year, d["dt"].month)] += 1
    print("all".ljust(width) + "".join("%6d" % tot[m] for m in MONTHS) + "  %5d" % sum(tot.values()))
    crash = [d["dt"].date() for d in docs if d["topic"] == "app_crash"]
    before = sum(1 for x in crash if x < RELEASE_52)
    spike = sum(1 for x in crash if RELEASE_52 <= x < RELEASE_52 + timedelta(days=SPIKE_DAYS))
    print()
    print("app_crash per week: %.1f before 2026-08-15, %.1f in the six weeks after" % (
        before / ((RELEASE_52 - START).days / 7), spike / 6))
    early = [d for d in docs if d["topic"] == "app_crash" and d["release"] and d["dt"].date() < RELEASE_52]
    late_pg = [d for d in docs if d["parcelgo"] and d["dt"].date() < date(2026, 9, 1)]
    print("checks: 5.2/update crash texts before release: %d; ParcelGo texts before Sep: %d" % (
        len(early), len(late_pg)))


def main():
    docs = read_texts()
    seen = set()
    for d in docs:
        key = d["text"].strip().lower()
        if key in seen:
            sys.exit("duplicate text: %s" % d["text"][:80])
        seen.add(key)
    assign_dates(docs)
    assert all(START <= d["dt"].date() <= END for d in docs)
    by_kind = defaultdict(list)
    for d in docs:
        by_kind[d["kind"]].append(d)
    counts = (write_tickets(by_kind["ticket"]), write_reviews(by_kind["review"]), write_social(by_kind["social"]))
    verified = verify(counts)
    assert sum(verified) == len(docs)
    summary(docs, verified)


if __name__ == "__main__":
    main()
