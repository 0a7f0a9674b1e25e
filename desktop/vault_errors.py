"""The vault's errors: every one is a ``VaultError`` whose ``str()`` is a translated sentence fit to show.

The command line prints ``str(error)``; the UI shows it in a dialog. No traceback, path of a draft,
or applicant data goes into these messages: only account names, ids and folders.
"""
from __future__ import annotations

import math

from forms.i18n import _

__all__ = [
    "VaultError", "VaultNotFound", "VaultExists", "VaultLocked", "VaultInUse", "VaultDamaged", "KeyringDamaged",
    "VaultTooNew", "DiskFull", "VaultBusy", "StorageError", "WrongPassphrase", "TooManyAttempts",
    "WrongRecoveryKey", "RecoveryKeyMistyped", "UnknownAccount", "AccountExists", "AccountRemoved",
    "InvalidAccountName", "InvalidRole", "WeakPassphrase", "PermissionDenied", "LastAdmin", "DraftNotFound",
    "DraftDeleted", "InvalidDraft", "EvidenceNotFound", "ImportCancelled",
]


class VaultError(Exception):
    """Base of everything the vault raises on purpose. ``message`` is translated for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- the vault as a whole ------------------------------------------------------------------

class VaultNotFound(VaultError):
    def __init__(self, folder: str = ""):
        super().__init__(_("There is no vault in {folder} yet.").format(folder=folder))


class VaultExists(VaultError):
    def __init__(self, folder: str = ""):
        super().__init__(_("A vault already exists in {folder}.").format(folder=folder))


class VaultLocked(VaultError):
    def __init__(self):
        super().__init__(_("The vault is locked. Unlock it to continue."))


class VaultInUse(VaultError):
    def __init__(self):
        super().__init__(_("The vault is already open in another OneStop window. Close that window first."))


class VaultDamaged(VaultError):
    """The database does not open with the key from the key file (damaged, or not this vault's)."""

    def __init__(self):
        super().__init__(_("The vault file is damaged or does not belong to this key file. "
                           "Restore the vault folder from a backup, or ask the administrator."))


class KeyringDamaged(VaultError):
    def __init__(self, path: str = ""):
        super().__init__(_("The key file {path} is missing or damaged, so the vault cannot be unlocked. "
                           "Restore it from a backup, or ask the administrator.").format(path=path))


class VaultTooNew(VaultError):
    def __init__(self, found: int, supported: int):
        self.found, self.supported = found, supported
        super().__init__(_("This vault was written by a newer version of OneStop (format {found}; this "
                           "version reads up to {supported}). Install the newer version.").format(
                               found=found, supported=supported))


class DiskFull(VaultError):
    def __init__(self):
        super().__init__(_("The disk is full, so the last change was not saved. Free some space and try "
                           "again; what was saved before is safe."))


class VaultBusy(VaultError):
    def __init__(self):
        super().__init__(_("The vault is busy. Try again in a moment."))


class StorageError(VaultError):
    def __init__(self):
        super().__init__(_("The vault could not read or write its file. Try again; if this keeps "
                           "happening, ask the administrator."))


# --- keys and accounts ---------------------------------------------------------------------

class WrongPassphrase(VaultError):
    def __init__(self, account: str):
        self.account = account
        super().__init__(_("Wrong passphrase for {account}. Check the keyboard (Caps Lock, Chinese or "
                           "English input) and try again.").format(account=account))


class TooManyAttempts(VaultError):
    """Raised before the key derivation runs, while the wait after repeated failures is not over."""

    def __init__(self, account: str, wait_seconds: float):
        self.account = account
        self.wait_seconds = max(1, math.ceil(wait_seconds))
        super().__init__(_("Too many wrong passphrases for {account}. Wait {seconds} seconds, then try "
                           "again.").format(account=account, seconds=self.wait_seconds))


class WrongRecoveryKey(VaultError):
    def __init__(self):
        super().__init__(_("This recovery key does not open this vault."))


class RecoveryKeyMistyped(WrongRecoveryKey):
    def __init__(self):
        VaultError.__init__(self, _("This recovery key has a typing mistake. Compare each group of "
                                    "letters and digits with the paper and try again."))


class UnknownAccount(VaultError):
    def __init__(self, account: str):
        self.account = account
        super().__init__(_("There is no account named {account}.").format(account=account))


class AccountExists(VaultError):
    def __init__(self, account: str):
        super().__init__(_("An account named {account} already exists.").format(account=account))


class AccountRemoved(VaultError):
    def __init__(self, account: str):
        super().__init__(_("The account {account} has been removed from this vault.").format(account=account))


class InvalidAccountName(VaultError):
    def __init__(self):
        super().__init__(_("An account name needs 1 to 64 characters, with no line breaks, no spaces at "
                           "either end, and not starting with #."))


class InvalidRole(VaultError):
    def __init__(self, role: str):
        super().__init__(_("Unknown role {role}: use volunteer, clerk or admin.").format(role=role))


class WeakPassphrase(VaultError):
    def __init__(self, minimum: int):
        super().__init__(_("A passphrase needs at least {count} characters.").format(count=minimum))


class PermissionDenied(VaultError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("Only an administrator can do this."))


class LastAdmin(PermissionDenied):
    def __init__(self):
        super().__init__(_("This is the last administrator account. Add another administrator before "
                           "removing it."))


# --- drafts and evidence -------------------------------------------------------------------

class DraftNotFound(VaultError):
    def __init__(self, draft_id: str, version: int | None = None):
        self.draft_id = draft_id
        if version is None:
            super().__init__(_("There is no draft {id} in the vault.").format(id=draft_id))
        else:
            super().__init__(_("Draft {id} has no version {version}.").format(id=draft_id, version=version))


class DraftDeleted(DraftNotFound):
    def __init__(self, draft_id: str):
        self.draft_id = draft_id
        VaultError.__init__(self, _("Draft {id} was deleted; it cannot be saved or opened again.").format(
            id=draft_id))


class InvalidDraft(VaultError):
    def __init__(self, message: str):
        super().__init__(message)


class EvidenceNotFound(VaultError):
    def __init__(self, evidence_id):
        super().__init__(_("There is no evidence file {id} in the vault.").format(id=evidence_id))


class ImportCancelled(VaultError):
    def __init__(self):
        super().__init__(_("The import was cancelled; nothing of the file was kept."))
