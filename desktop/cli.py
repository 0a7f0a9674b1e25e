"""The ``onestop`` command line.

Exit codes: 0 success; 1 the operation failed (no vault, wrong passphrase, …); 2 invalid input
(a bad argument, an unreadable file, an application that cannot be filed). No traceback reaches
the user: unexpected errors print one line and exit 1.

Passphrases come from a prompt, or — for automation only — from ``ONESTOP_PASSPHRASE`` (the
account that unlocks) and ``ONESTOP_NEW_PASSPHRASE`` (a passphrase being set).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from forms.i18n import _, detect_language, set_language
from forms.validation import Severity, can_file

from . import paths, services
from .vault import Vault, VaultError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
ROLES = ("volunteer", "clerk", "admin")


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _ask_secret(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise CliError(_("No passphrase: run in a terminal, or set ONESTOP_PASSPHRASE for automation."), EXIT_INVALID)
    return getpass.getpass(prompt)


def _passphrase(account: str) -> str:
    value = os.environ.get("ONESTOP_PASSPHRASE")
    if value is not None:
        return value
    return _ask_secret(_("Passphrase for {account}: ").format(account=account))


def _new_passphrase(env: str, account: str) -> str:
    value = os.environ.get(env)
    if value is None:
        value = _ask_secret(_("New passphrase for {account}: ").format(account=account))
        if _ask_secret(_("Repeat the passphrase: ")) != value:
            raise CliError(_("The two passphrases differ."), EXIT_INVALID)
    if len(value) < 8:
        raise CliError(_("A passphrase needs at least 8 characters."), EXIT_INVALID)
    return value


def _unlock(args) -> Vault:
    home = paths.home()
    if not Vault.exists(home):
        raise CliError(_("There is no vault here yet. Create one with: onestop vault init"))
    names = [name for name, _role in Vault.account_list(home)]
    account = args.account or os.environ.get("ONESTOP_ACCOUNT")
    if not account:
        if len(names) != 1:
            raise CliError(_("Choose an account with --account (one of: {names})").format(names=", ".join(names)),
                           EXIT_INVALID)
        account = names[0]
    return Vault.unlock(home, account, _passphrase(account))


# --- commands -------------------------------------------------------------------------------

def cmd_validate(args) -> int:
    _app, problems = services.check_file(Path(args.file))
    for problem in problems:
        print(problem)
    if can_file(problems):
        warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
        _err(_("Ready to file ({count} warnings).").format(count=warnings))
        return EXIT_OK
    _err(_("Not ready to file: fix the errors above."))
    return EXIT_INVALID


def cmd_vault_init(args) -> int:
    home = paths.home()
    if Vault.exists(home):
        raise CliError(_("A vault already exists in {folder}.").format(folder=str(home)))
    passphrase = os.environ.get("ONESTOP_PASSPHRASE")
    if passphrase is None:
        passphrase = _new_passphrase("ONESTOP_PASSPHRASE", args.admin)
    vault, recovery_key = Vault.init(home, args.admin, passphrase)
    vault.lock()
    print(_("Vault created in {folder} with the administrator account {account}.").format(
        folder=str(home), account=args.admin))
    print(_("Recovery key (shown this once; write it down and keep it somewhere safe):"))
    print(recovery_key)
    return EXIT_OK


def cmd_account_add(args) -> int:
    if args.role not in ROLES:
        raise CliError(_("Unknown role {role}.").format(role=args.role), EXIT_INVALID)
    vault = _unlock(args)
    try:
        vault.add_account(args.name, args.role, _new_passphrase("ONESTOP_NEW_PASSPHRASE", args.name))
    finally:
        vault.lock()
    print(_("Account {account} added.").format(account=args.name))
    return EXIT_OK


def cmd_account_remove(args) -> int:
    vault = _unlock(args)
    try:
        vault.remove_account(args.name)
    finally:
        vault.lock()
    print(_("Account {account} removed.").format(account=args.name))
    return EXIT_OK


def cmd_account_passwd(args) -> int:
    vault = _unlock(args)
    try:
        name = args.name or vault.account
        vault.change_passphrase(name, _new_passphrase("ONESTOP_NEW_PASSPHRASE", name))
    finally:
        vault.lock()
    print(_("Passphrase of {account} changed.").format(account=name))
    return EXIT_OK


def cmd_account_list(args) -> int:
    for name, role in Vault.account_list(paths.home()):
        print(f"{name}\t{role}")
    return EXIT_OK


def cmd_import(args) -> int:
    vault = _unlock(args)
    try:
        draft_id = services.import_application(vault, Path(args.file))
    except services.InvalidDocument as exc:
        for problem in exc.problems:
            print(problem)
        _err(str(exc))
        return EXIT_INVALID
    finally:
        vault.lock()
    print(draft_id)
    return EXIT_OK


def cmd_drafts(args) -> int:
    vault = _unlock(args)
    try:
        rows = services.list_drafts(vault)
    finally:
        vault.lock()
    if not rows:
        _err(_("No drafts."))
    for row in rows:
        urgent = _("URGENT") if row.urgent else "-"
        print("\t".join([row.id, row.applicant or "-", row.respondent or "-", row.status, urgent, row.updated_at]))
    return EXIT_OK


def cmd_export(args) -> int:
    vault = _unlock(args)
    try:
        draft_id = services.resolve_draft_id(vault, args.draft)
        _err(_("Warning: the exported files are not encrypted. Keep the folder safe and delete it when done."))
        out = services.export_draft(vault, draft_id, Path(args.output))
    finally:
        vault.lock()
    print(out)
    return EXIT_OK


def cmd_packet(args) -> int:
    from forms.pdf_fonts import MissingGlyphError  # reportlab loads only when a packet is built

    out = Path(args.output)
    if not out.parent.is_dir():
        raise CliError(_("The folder {folder} does not exist.").format(folder=str(out.parent)), EXIT_INVALID)
    try:
        if args.draft:
            vault = _unlock(args)
            try:
                size = services.packet_from_draft(vault, services.resolve_draft_id(vault, args.draft), out)
            finally:
                vault.lock()
        else:
            size = services.packet_from_file(Path(args.file), out)
    except services.InvalidDocument as exc:
        for problem in exc.problems:
            print(problem)
        _err(_("No packet was written: fix the errors above."))
        return EXIT_INVALID
    except MissingGlyphError as exc:
        print(_("{field}: these characters cannot be printed with the packet's fonts: {chars}").format(
            field=exc.field or "", chars=" ".join(f"{c} (U+{ord(c):04X})" for c in exc.chars)))
        _err(_("No packet was written: fix the errors above."))
        return EXIT_INVALID
    _err(_("Packet written: {path} ({size} KB).").format(path=str(out), size=round(size / 1024)))
    return EXIT_OK


def cmd_gui(args) -> int:
    from .startup import run_gui  # lazy: Qt is loaded only for the window
    return run_gui(sys.argv[:1])


# --- parser ---------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onestop",
        description=_("OneStop: personal safety protection order applications, kept encrypted on this computer."),
        epilog=_("Passphrases are asked at a prompt; for automation they may come from ONESTOP_PASSPHRASE "
                 "and ONESTOP_NEW_PASSPHRASE. ONESTOP_HOME chooses the data folder; ONESTOP_LANG=zh|en "
                 "the language."),
    )
    parser.add_argument("--account", help=_("the account that unlocks the vault"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def add(name: str, handler: Callable, help_text: str, parent=sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("validate", cmd_validate, _("check an application JSON file; exit 0 when it can be filed"))
    p.add_argument("file", metavar="APPLICATION.json")

    vault = sub.add_parser("vault", help=_("create the encrypted vault"))
    vault_sub = vault.add_subparsers(dest="vault_command", metavar=_("COMMAND"), required=True)
    p = add("init", cmd_vault_init, _("create the vault and its first administrator"), vault_sub)
    p.add_argument("--admin", default="admin", help=_("name of the administrator account"))

    account = sub.add_parser("account", help=_("manage accounts (administrators)"))
    account_sub = account.add_subparsers(dest="account_command", metavar=_("COMMAND"), required=True)
    p = add("add", cmd_account_add, _("add an account"), account_sub)
    p.add_argument("name")
    p.add_argument("--role", default="volunteer", choices=ROLES)
    p = add("remove", cmd_account_remove, _("remove an account"), account_sub)
    p.add_argument("name")
    p = add("passwd", cmd_account_passwd, _("change a passphrase (your own, or any as administrator)"), account_sub)
    p.add_argument("name", nargs="?")
    add("list", cmd_account_list, _("list the accounts"), account_sub)

    p = add("import", cmd_import, _("import an application JSON and its evidence files as a draft"))
    p.add_argument("file", metavar="APPLICATION.json")
    add("drafts", cmd_drafts, _("list the drafts"))
    p = add("export", cmd_export, _("export a draft as application JSON plus evidence files (not encrypted)"))
    p.add_argument("draft", metavar="DRAFT")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    add("gui", cmd_gui, _("open the kiosk window (the default way to use OneStop)"))
    p = add("packet", cmd_packet, _("build the court packet (PDF) of an application or a draft"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar="APPLICATION.json")
    source.add_argument("--draft", metavar="DRAFT", help=_("a draft in the vault"))
    p.add_argument("-o", "--output", required=True, metavar="PACKET.pdf")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    set_language(detect_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_OK
    try:
        return handler(args)
    except CliError as exc:
        _err(str(exc))
        return exc.code
    except VaultError as exc:
        _err(str(exc))
        return EXIT_INVALID if isinstance(exc, services.ServiceError) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, no traceback, no personal data
        _err(_("Unexpected error ({kind}). Nothing saved was lost.").format(kind=type(exc).__name__))
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
