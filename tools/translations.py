"""Keep the gettext catalogues in step with the code.

    python tools/translations.py update [DOMAIN…]    # extract _()/N_() strings, merge into each domain's zh_CN .po
    python tools/translations.py compile [DOMAIN…]   # .po -> .mo (the .mo files are committed: the app needs no Babel)

One domain per package (forms, desktop, sync, ui). Uses Babel (a dev dependency).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ("forms", "desktop", "sync", "ui")
LOCALE = "zh_CN"
KEYWORDS = {"_": None, "N_": None}


def po_path(domain: str) -> Path:
    return ROOT / "resources" / "translations" / LOCALE / "LC_MESSAGES" / f"{domain}.po"


def extract(domain: str) -> Catalog:
    template = Catalog(project="OneStop", domain=domain)
    src = ROOT / domain
    if src.is_dir():
        for filename, lineno, message, comments, _ctx in extract_from_dir(
            str(src), method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            template.add(message, None, [(f"{domain}/{filename}", lineno)], auto_comments=comments)
    return template


def read(domain: str) -> Catalog:
    path = po_path(domain)
    if not path.exists():
        return Catalog(locale=LOCALE, domain=domain, project="OneStop")
    with path.open("rb") as f:
        return read_po(f, locale=LOCALE, domain=domain)


def update(domains=DOMAINS) -> None:
    for domain in domains:
        template = extract(domain)
        catalog = read(domain)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, sort_output=False)


def mo_bytes(domain: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read(domain), use_fuzzy=False)
    return buf.getvalue()


def compile_all(domains=DOMAINS) -> None:
    for domain in domains:
        if po_path(domain).exists():
            po_path(domain).with_suffix(".mo").write_bytes(mo_bytes(domain))


def untranslated(domain: str) -> list[str]:
    """msgids used in the code that have no Chinese translation."""
    catalog = read(domain)
    missing = []
    for message in extract(domain):
        if not message.id:
            continue
        entry = catalog.get(message.id)
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    chosen = tuple(sys.argv[2:]) or DOMAINS
    if command == "update":
        update(chosen)
    elif command == "compile":
        compile_all(chosen)
    else:
        print(__doc__)
        sys.exit(2)
