"""Checks of the manager's page as the browser left it (tests/browser/run.sh).

    check_page.py PAGE.html PREFIX JSON_DIR      every check
    check_page.py --isolation-only PAGE.html PREFIX

PREFIX.dom is the DOM that chromium dumped, PREFIX.log its log, PREFIX.net.json its network
log. JSON_DIR holds the JSON reports of `care` made with the page's options.
"""
import json
import math
import re
import sys
from html.parser import HTMLParser

failures = []


def fail(message):
    failures.append(message)


# ---- the DOM as a small tree ----

VOID = {"meta", "br", "link", "img", "input", "hr", "col", "source", "wbr", "area", "base",
        "embed", "param", "track"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def all_text(self):
        out = list(self.text)
        for c in self.children:
            out.append(c.all_text())
        return "".join(out)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, tag=None, **attrs):
        for n in self.walk():
            if (tag is None or n.tag == tag) and all(
                    n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                yield n

    def ancestor(self, tag):
        n = self.parent
        while n is not None and n.tag != tag:
            n = n.parent
        return n


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.at = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        n = self.at
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.at = n.parent

    def handle_data(self, data):
        self.at.text.append(data)
        # keep text in document order relative to children
        self.at.children.append(Text(data))


class Text(Node):
    def __init__(self, data):
        super().__init__("#text", {}, None)
        self.data = data

    def all_text(self):
        return self.data

    def walk(self):
        return iter(())


def fix_text(node):
    """all_text() from children only, so that text is not counted twice."""
    for n in node.walk():
        n.text = []


# ---- isolation: nothing outside the page ----

BROWSER_HOSTS = re.compile(r"^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|"
                           r"gstatic\.com)(/|$)")


def check_isolation(page_path, prefix):
    with open(page_path, encoding="utf-8") as f:
        source = f.read()
    for pattern, what in [(r"<script", "a script"), (r"<link\b", "a <link>"),
                          (r"<[^>]*\ssrc\s*=", "a src attribute"), (r"url\(", "a CSS url()"),
                          (r"@import", "a CSS @import"), (r"<(iframe|object|embed|img)\b",
                                                         "an embedded resource"),
                          (r"<[^>]*\shref\s*=\s*\"(?!#)", "a link out of the page")]:
        if re.search(pattern, source, re.I):
            fail("the page has %s" % what)
    if not re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                     r"'none'", source):
        fail("the page has no Content-Security-Policy default-src 'none'")
    with open(prefix + ".log", encoding="utf-8", errors="replace") as f:
        for line in f:
            if ":CONSOLE" in line:
                fail("console: " + line.strip()[:300])
    with open(prefix + ".net.json", encoding="utf-8") as f:
        net = json.load(f)
    seen = set()
    for event in net.get("events", []):
        for key in ("url", "original_url"):
            url = event.get("params", {}).get(key)
            if not url or url in seen:
                continue
            seen.add(url)
            # The browser's own update and account checks are not the page's.
            if url.startswith("file://") or BROWSER_HOSTS.match(url):
                continue
            fail("the browser fetched " + url[:200])


# ---- figures: the page's against the JSON reports' ----

def same_rate(cell, expected, where):
    value = cell.attrs.get("data-value")
    text = cell.all_text().strip()
    if expected is None:
        if value != "":
            fail("%s: rate %r on the page, null in the JSON" % (where, value))
        if "%" in text:
            fail("%s: shows %r for a null rate" % (where, text))
        return
    if value in (None, "") or abs(float(value) - expected) > 1e-12:
        fail("%s: rate %r on the page, %r in the JSON" % (where, value, expected))
        return
    shown = math.floor(expected * 100 + 1e-9)
    if not re.search(r"(^|\D)%d(\.\d)?%%" % shown, text):
        fail("%s: shows %r for a rate of %r" % (where, text, expected))


def same_count(cell, expected, where):
    value = cell.attrs.get("data-value")
    text = cell.all_text().strip()
    if expected is None:
        if value != "" or text != "*":
            fail("%s: %r (%r) on the page, null (suppressed) in the JSON" % (where, text, value))
        return
    if value != str(expected) or text.replace(",", "") != str(expected):
        fail("%s: %r (%r) on the page, %r in the JSON" % (where, text, value, expected))


def rows_of(root, table_class, key):
    table = next(root.find("table", **{"class": table_class}), None)
    if table is None:
        fail("no table." + table_class)
        return {}
    return {tr.attrs.get(key): tr for tr in table.find("tr") if key in tr.attrs}


def check_compliance(root, report):
    groups = {g["key"]: g for g in report["groups"]}
    rows = rows_of(root, "matrix", "data-group")
    if set(rows) != set(groups) | {""}:
        fail("units on the page %s, in the JSON %s" % (sorted(rows), sorted(groups)))
    checked = 0
    for key, tr in rows.items():
        group = report["totals"] if key == "" else groups.get(key)
        if group is None:
            continue
        by_competency = {c["competency"]: c for c in group["competencies"]}
        for td in tr.find("td"):
            c = td.attrs.get("data-competency")
            where = "unit %r, %r" % (key, c or "staff")
            if c == "":
                same_rate(td, group["staff_rate"], where)
            elif c in by_competency:
                same_rate(td, by_competency[c]["rate"], where)
            elif td.attrs.get("data-value") != "":
                fail(where + ": a figure for a competency the JSON has not")
            checked += 1
    totals = rows_of(root, "totals", "data-competency")
    for row in report["totals"]["competencies"]:
        tr = totals.get(row["competency"])
        if tr is None:
            fail("summary: no row for " + row["competency"])
            continue
        for td in tr.find("td"):
            field = td.attrs.get("data-field")
            where = "summary %s %s" % (row["competency"], field)
            if field == "rate":
                same_rate(td, row["rate"], where)
            elif field:
                same_count(td, row[field], where)
            checked += 1
    return checked


def check_trend(root, report):
    rows = rows_of(root, "trend", "data-as-of")
    checked = 0
    if sorted(rows) != [p["as_of"] for p in report["points"]]:
        fail("trend points on the page %s" % sorted(rows))
    for point in report["points"]:
        tr = rows.get(point["as_of"])
        if tr is None:
            continue
        by_competency = {c["competency"]: c for c in point["competencies"]}
        for td in tr.find("td"):
            c = td.attrs.get("data-competency")
            expected = point["staff_rate"] if c == "" else by_competency.get(c, {}).get("rate")
            same_rate(td, expected, "trend %s %r" % (point["as_of"], c))
            checked += 1
    return checked


def check_forecast(root, report):
    rows = rows_of(root, "forecast", "data-competency")
    checked = 0
    for row in report["competencies"]:
        tr = rows.get(row["competency"])
        if tr is None:
            fail("forecast: no row for " + row["competency"])
            continue
        for td in tr.find("td"):
            field = td.attrs.get("data-field")
            where = "forecast %s %s" % (row["competency"], field)
            if field == "projected_rate":
                same_rate(td, row[field], where)
            elif field and field.endswith("_pence"):
                if td.attrs.get("data-value") != ("" if row[field] is None else str(row[field])):
                    fail("%s: %r, JSON %r" % (where, td.attrs.get("data-value"), row[field]))
            elif field:
                same_count(td, row[field], where)
            checked += 1
    total = rows.get("")
    for field in ("total_cost_pence", "total_cost_for_target_pence"):
        td = next(total.find("td", data_field=field), None) if total else None
        if td is None or td.attrs.get("data-value") != str(report[field]):
            fail("forecast %s: page %r, JSON %r" % (field, td and td.attrs.get("data-value"),
                                                    report[field]))
        checked += 1
    return checked


def check_outcomes(root, report):
    rows = rows_of(root, "outcomes", "data-group")
    checked = 0
    for group in ("trained", "untrained"):
        tr = rows.get(group)
        if tr is None:
            fail("outcomes: no row " + group)
            continue
        for td in tr.find("td"):
            field = td.attrs.get("data-field")
            expected = report[group][field]
            if field == "per_1000":
                value = td.attrs.get("data-value")
                if (expected is None) != (value == "") or (
                        expected is not None and abs(float(value) - expected) > 1e-9):
                    fail("outcomes %s per_1000: page %r, JSON %r" % (group, value, expected))
            else:
                same_count(td, expected, "outcomes %s %s" % (group, field))
            checked += 1
    for field in ("rate_ratio", "rate_ratio_low", "rate_ratio_high"):
        node = next(root.find(None, data_field=field), None)
        expected = report[field]
        value = node.attrs.get("data-value") if node is not None else None
        if expected is None:
            if field == "rate_ratio" and value != "":
                fail("outcomes: a rate ratio on the page, null in the JSON")
        elif value is None or abs(float(value) - expected) > 1e-12:
            fail("outcomes %s: page %r, JSON %r" % (field, value, expected))
        checked += 1
    return checked


def check_worklist(root, report):
    want = {}
    for row in report["rows"]:
        if row["status"] == "overdue":
            want[(row["staff"], row["competency"])] = row["overdue_since"]
        elif row["status"] == "compliant" and row["expiring"]:
            want[(row["staff"], row["competency"])] = row["expires_on"]
    table = next(root.find("table", **{"class": "worklist"}), None)
    if table is None:
        fail("no worklist")
        return 0
    got = {}
    for tr in table.find("tr"):
        if "data-staff" not in tr.attrs:
            continue
        time = next(tr.find("time"), None)
        got[(tr.attrs["data-staff"], tr.attrs["data-competency"])] = (
            time.attrs.get("datetime") if time is not None else None)
    if got != want:
        missing = sorted(set(want) - set(got))[:5]
        extra = sorted(set(got) - set(want))[:5]
        wrong = sorted(k for k in set(got) & set(want) if got[k] != want[k])[:5]
        fail("worklist: missing %s, not overdue or expiring %s, wrong dates %s" %
             (missing, extra, wrong))
    if table.attrs.get("data-rows") != str(len(want)):
        fail("worklist: data-rows %r, %d rows" % (table.attrs.get("data-rows"), len(want)))
    return len(got)


def check_accessibility(root):
    for table in root.find("table"):
        if next(table.find("caption"), None) is None:
            fail("a table without a caption")
        for th in table.find("th"):
            if "scope" not in th.attrs:
                fail("a <th> without scope: %r" % th.all_text()[:60])
    svgs = list(root.find("svg"))
    if not svgs:
        fail("no chart")
    for svg in svgs:
        labels = svg.attrs.get("aria-labelledby", "").split()
        title = next(svg.find("title"), None)
        desc = next(svg.find("desc"), None)
        if svg.attrs.get("role") != "img" or title is None or desc is None or \
                [title.attrs.get("id"), desc.attrs.get("id")] != labels:
            fail("a chart without role=img, <title>, <desc> and aria-labelledby")
        elif len(desc.all_text()) < 20:
            fail("a chart whose description says nothing")
    return len(svgs)


def main(argv):
    isolation_only = argv[1:2] == ["--isolation-only"]
    args = argv[2:] if isolation_only else argv[1:]
    page, prefix = args[0], args[1]
    check_isolation(page, prefix)
    if not isolation_only:
        tree = Tree()
        with open(prefix + ".dom", encoding="utf-8") as f:
            tree.feed(f.read())
        root = tree.root
        fix_text(root)
        if next(root.find("h1"), None) is None:
            fail("the browser's DOM has no <h1>: the page did not render")

        def load(name):
            with open("%s/%s.json" % (args[2], name), encoding="utf-8") as f:
                return json.load(f)

        counts = {
            "compliance": check_compliance(root, load("compliance")),
            "trend": check_trend(root, load("trend")),
            "forecast": check_forecast(root, load("forecast")),
            "outcomes": check_outcomes(root, load("outcomes")),
            "worklist": check_worklist(root, load("staff")),
            "charts": check_accessibility(root),
        }
        print("checked: " + ", ".join("%s %d" % kv for kv in counts.items()))
    for message in failures[:40]:
        print("FAIL: " + message)
    if len(failures) > 40:
        print("... and %d more" % (len(failures) - 40))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
