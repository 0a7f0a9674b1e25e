"""Vault benchmarks (issue 2): draft saves, evidence import, unlock.

    .venv/bin/python bench/bench_vault.py                      # all three, 2 GB evidence file
    ONESTOP_BENCH_EVIDENCE_MB=256 .venv/bin/python bench/bench_vault.py
    .venv/bin/python bench/bench_vault.py --only import --page-size 16384    # tuning runs

(a) Draft save: median and p99 latency of a save into a vault that already holds 10,000 drafts of a
    realistic ~5 KB application, and the ratio to the very same code (DraftStore) over plain SQLite
    with the same pragmas and page size. Goal: p99 < 20 ms, ratio < 2.
(b) Evidence import of a 2 GB file (ONESTOP_BENCH_EVIDENCE_MB overrides the size): throughput
    against shutil.copyfile + fsync of the same file on the same disk (one copy before the import,
    one after; the ratio uses their mean), and the peak RSS of the importing process (a subprocess:
    VmHWM on Linux, and psutil sampling). Goal: >= 0.5 of the copy; peak RSS < 200 MB. Reading the
    file back and removing it (freed pages zeroed) are timed too.
(c) Unlock time with the real Argon2id parameters. Goal: 0.2-0.5 s on the development VM.

Everything happens in a temporary folder (ONESTOP_BENCH_DIR chooses its parent; default: the
system's temp folder) that is removed at the end.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop import keys, vault_db  # noqa: E402
from desktop.audit import AuditLog  # noqa: E402
from desktop.keys import SecretKey  # noqa: E402
from desktop.migrations import migrate_all  # noqa: E402
from desktop.store_drafts import DraftStore, canonical_json  # noqa: E402

MB = 1024 * 1024
PASSPHRASE = "benchmark passphrase"


# --- (a) draft saves --------------------------------------------------------------------------

def application(i: int, rng: random.Random) -> dict:
    """A realistic application document (the shape of ../shared/spec/examples), about 5 KB."""
    surnames, names = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高", "秀英建国小雨丽华春梅志强桂兰玉珍海燕明"
    person = lambda: rng.choice(surnames) + "".join(rng.choice(names) for _ in range(2))  # noqa: E731
    place = "重庆市潼南区桂林街道某村三组" + str(rng.randint(1, 99)) + "号"
    incidents = [{"date": f"2026-{m:02d}-{rng.randint(1, 28):02d}", "place": place,
                  "description": "被申请人酒后因琐事与申请人发生争吵，用拳头殴打申请人头部和手臂，"
                                 "并扬言如果申请人报警就打死她。邻居听到呼救后赶来劝阻。" * 2,
                  "injuries": "左臂淤青，头部红肿", "police_called": rng.random() < 0.5}
                 for m in range(1, 8)]
    return {
        "format": "onestop.application/1", "id": f"{i:08d}-4b3d-4c8e-9a51-0d2e7f3b9c10",
        "created_at": "2026-11-21T09:30:00+08:00", "court": {"name": "重庆市潼南区人民法院"},
        "jurisdiction_basis": "applicant_residence", "urgent": rng.random() < 0.2,
        "applicant": {"name": person(), "gender": "female", "birth_date": "1986-03-14", "ethnicity": "汉族",
                      "id_type": "resident_id", "id_number": "500152198603140122", "occupation": "务农",
                      "registered_address": place, "current_address": place, "phone": "13800138000"},
        "filed_by": {"kind": "self", "assisted_by": "潼南区妇联志愿者 " + person()},
        "respondent": {"name": person(), "gender": "male", "birth_date": "1983-07-02", "ethnicity": "汉族",
                       "id_number": "500152198307020118", "current_address": place, "phone": "13900139000",
                       "relationship": "spouse"},
        "protected_relatives": [{"name": person(), "relation_to_applicant": "女儿", "birth_date": "2015-05-01"}],
        "requests": [{"measure": "prohibit_violence"}, {"measure": "prohibit_harassment", "protects_relatives": True},
                     {"measure": "prohibit_contact", "protects_relatives": True}],
        "incidents": incidents,
        "facts": "申请人与被申请人于2010年登记结婚，婚后育有一女。自2020年起被申请人多次殴打申请人。",
        "evidence": [{"kind": "medical_record", "title": "潼南区人民医院门诊病历", "original": True,
                      "files": [{"path": "evidence/medical.jpg", "media_type": "image/jpeg"}]}],
    }


def _draft_store(db) -> DraftStore:
    with vault_db.sql_errors():
        migrate_all(db.conn)
    return DraftStore(db, AuditLog(db, time.time), time.time)


def _save_latencies(db, drafts: int, saves: int, seed: int = 1) -> tuple[list[float], float]:
    store = _draft_store(db)
    rng = random.Random(seed)
    docs = {}
    for start in range(0, drafts, 1000):  # fill: 1,000 drafts per transaction
        with db.write():
            for i in range(start, min(start + 1000, drafts)):
                docs[i] = application(i, rng)
                store.save(f"draft-{i:05d}", docs[i], "volunteer")
    size = sum(len(canonical_json(docs[i]).encode()) for i in range(0, drafts, max(1, drafts // 100))) / len(
        range(0, drafts, max(1, drafts // 100)))
    latencies = []
    for k in range(saves):  # the autosave pattern: one field edited, the whole document saved
        i = rng.randrange(drafts)
        docs[i]["facts"] += rng.choice("。，的了申请人被")
        started = time.perf_counter()
        store.save(f"draft-{i:05d}", docs[i], "volunteer")
        latencies.append(time.perf_counter() - started)
    return latencies, size


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def bench_saves(work: Path, page_size: int, drafts: int = 10_000, saves: int = 1_000) -> dict:
    settings = dataclasses.replace(vault_db.NEW_VAULT, page_size=page_size)
    enc = vault_db.open_encrypted(work / "enc.db", work / "enc-ev.db", SecretKey.generate(), settings, create=True)
    try:
        enc_lat, size = _save_latencies(enc, drafts, saves)
    finally:
        enc.close()
    plain = vault_db.open_plain(work / "plain.db", work / "plain-ev.db", settings)
    try:
        plain_lat, _ = _save_latencies(plain, drafts, saves)
    finally:
        plain.close()
    r = {"doc_bytes": size, "drafts": drafts, "saves": saves,
         "enc_median_ms": statistics.median(enc_lat) * 1e3, "enc_p99_ms": _p99(enc_lat) * 1e3,
         "plain_median_ms": statistics.median(plain_lat) * 1e3, "plain_p99_ms": _p99(plain_lat) * 1e3}
    r["ratio_median"] = r["enc_median_ms"] / r["plain_median_ms"]
    r["ratio_p99"] = r["enc_p99_ms"] / r["plain_p99_ms"]
    print(f"(a) draft save into {drafts:,} drafts (~{size / 1024:.1f} KB canonical JSON), {saves} saves, "
          f"page size {page_size}:")
    print(f"    SQLCipher    median {r['enc_median_ms']:.2f} ms   p99 {r['enc_p99_ms']:.2f} ms")
    print(f"    plain SQLite median {r['plain_median_ms']:.2f} ms   p99 {r['plain_p99_ms']:.2f} ms")
    ok = r["enc_p99_ms"] < 20 and r["ratio_p99"] < 2 and r["ratio_median"] < 2
    print(f"    ratio        median {r['ratio_median']:.2f}      p99 {r['ratio_p99']:.2f}      "
          f"goal: p99 < 20 ms, ratio < 2: {'met' if ok else 'NOT met'}")
    return r


# --- (b) evidence import ----------------------------------------------------------------------

def _make_source(path: Path, size_mb: int) -> None:
    block = os.urandom(8 * MB)
    with open(path, "wb") as f:
        for i in range(0, size_mb, 8):
            n = min(8, size_mb - i) * MB
            f.write(block[:n] if i % 16 else os.urandom(n))
        f.flush()
        os.fsync(f.fileno())


def _copy(src: Path, dst: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(src, dst)
    fd = os.open(dst, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    took = time.perf_counter() - started
    dst.unlink()
    return took


def _import_child(home: str, source: str, settings: str) -> None:
    """Runs in a subprocess, so that its peak RSS is the import's own."""
    from desktop.store_evidence import EvidenceStore
    from desktop.vault import Vault
    for name, value in json.loads(settings).items():
        setattr(EvidenceStore, name, value)
    v = Vault.unlock(home, "admin", PASSPHRASE)
    v.save_draft("bench", {"evidence": []})
    started = time.perf_counter()
    with open(source, "rb") as stream:
        info = v.add_evidence("bench", "evidence/big.bin", stream)
    took = time.perf_counter() - started
    started = time.perf_counter()
    with v.open_evidence(info.id) as reader:
        while reader.read(MB):
            pass
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    v.remove_evidence(info.id)  # secure_delete zeroes every freed page
    remove_s = time.perf_counter() - started
    v.lock()
    print(json.dumps({"seconds": took, "size": info.size, "read_s": read_s, "remove_s": remove_s,
                      "vm_hwm": _own_peak_rss()}))


def _own_peak_rss() -> int | None:
    """This process's peak RSS since its exec (Linux VmHWM). ru_maxrss would also count the parent's
    pages shared at fork time, before the exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _peak_rss_psutil(pid: int, stop: threading.Event, out: list) -> None:
    try:
        import psutil
        proc = psutil.Process(pid)
        while not stop.is_set():
            out.append(proc.memory_info().rss)
            stop.wait(0.05)
    except Exception:
        pass


def bench_import(work: Path, size_mb: int, page_size: int, settings: dict) -> dict:
    """``page_size``: of evidence.db, where the bytes go."""
    src = work / "source.bin"
    _make_source(src, size_mb)
    home = work / "home"
    env = {**os.environ, "ONESTOP_TEST_FAST_KDF": "1"}
    subprocess.run([sys.executable, __file__, "_init", str(home), str(page_size)], env=env, check=True)
    copy_before = _copy(src, work / "copy.bin")
    cmd = [sys.executable, __file__, "_import", str(home), str(src), json.dumps(settings)]
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    samples: list[int] = []
    stop = threading.Event()
    sampler = threading.Thread(target=_peak_rss_psutil, args=(child.pid, stop, samples), daemon=True)
    sampler.start()
    out, _ = child.communicate()
    stop.set()
    sampler.join()
    if child.returncode:
        raise RuntimeError("the import subprocess failed")
    result = json.loads(out.strip().splitlines()[-1])
    copy_after = _copy(src, work / "copy.bin")
    size = size_mb * MB
    copy_mean = (copy_before + copy_after) / 2
    r = {"size_mb": size_mb, "vault_s": result["seconds"], "copy_before_s": copy_before, "copy_after_s": copy_after,
         "vault_mb_s": size / MB / result["seconds"], "copy_mb_s": size / MB / copy_mean,
         "peak_rss_mb": max([result["vm_hwm"] or 0] + samples) / MB, "sampled_rss_mb": max(samples, default=0) / MB,
         "read_mb_s": size / MB / result["read_s"], "remove_s": result["remove_s"]}
    r["ratio"] = r["vault_mb_s"] / r["copy_mb_s"]
    print(f"(b) evidence import of {size_mb} MB (chunks {settings['chunk_size'] // 1024} KiB, "
          f"{settings['batch_bytes'] // MB} MiB per transaction, evidence.db page size {page_size}):")
    print(f"    copy (copyfile + fsync): {copy_before:.2f} s before, {copy_after:.2f} s after -> "
          f"{r['copy_mb_s']:.0f} MB/s (mean)")
    print(f"    vault import:            {result['seconds']:.2f} s -> {r['vault_mb_s']:.0f} MB/s, "
          f"ratio {r['ratio']:.2f}   goal >= 0.5: {'met' if r['ratio'] >= 0.5 else 'NOT met'}")
    print(f"    then, in the same process: read back {size / MB / result['read_s']:.0f} MB/s, "
          f"removed (freed pages zeroed) in {result['remove_s']:.2f} s")
    print(f"    peak RSS of the importing process: {r['peak_rss_mb']:.0f} MB (VmHWM; psutil samples every 50 ms: "
          f"{r['sampled_rss_mb']:.0f} MB)   goal < 200 MB: {'met' if r['peak_rss_mb'] < 200 else 'NOT met'}")
    src.unlink()
    return r


# --- (c) unlock -------------------------------------------------------------------------------

def bench_unlock(work: Path, runs: int = 5) -> dict:
    from desktop.vault import Vault
    saved = os.environ.pop("ONESTOP_TEST_FAST_KDF", None)
    try:
        home = work / "unlock-home"
        Vault.init(home, "admin", PASSPHRASE)[0].lock()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            Vault.unlock(home, "admin", PASSPHRASE).lock()
            times.append(time.perf_counter() - started)
    finally:
        if saved is not None:
            os.environ["ONESTOP_TEST_FAST_KDF"] = saved
    p = keys.ARGON2ID
    r = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
         "time_cost": p.time_cost, "memory_kib": p.memory_kib, "parallelism": p.parallelism}
    print(f"(c) unlock, Argon2id t={p.time_cost} m={p.memory_kib // 1024} MiB p={p.parallelism}: median "
          f"{r['median_s']:.3f} s over {runs} (min {r['min_s']:.3f}, max {r['max_s']:.3f})   goal 0.2-0.5 s: "
          f"{'met' if 0.2 <= r['median_s'] <= 0.5 else 'NOT met'}")
    return r


# --- driver -----------------------------------------------------------------------------------

def run(only: str | None = None, page_size: int | None = None, chunk_kib: int | None = None,
        batch_mb: int | None = None, drafts: int = 10_000, saves: int = 1_000,
        evidence_page_size: int | None = None) -> dict:
    """Run the benchmarks, print the figures, return them. Defaults: the vault's own settings."""
    from desktop.store_evidence import EvidenceStore
    import sqlcipher3
    page_size = page_size or vault_db.NEW_VAULT.page_size
    evidence_page_size = evidence_page_size or vault_db.NEW_VAULT.evidence_page_size
    settings = {"chunk_size": (chunk_kib * 1024) if chunk_kib else EvidenceStore.chunk_size,
                "batch_bytes": (batch_mb * MB) if batch_mb else EvidenceStore.batch_bytes}
    size_mb = int(os.environ.get("ONESTOP_BENCH_EVIDENCE_MB", "2048"))
    work = Path(tempfile.mkdtemp(prefix="onestop-bench-", dir=os.environ.get("ONESTOP_BENCH_DIR")))
    load = "load average %.2f %.2f %.2f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    print(f"OneStop vault benchmark: Python {platform.python_version()}, SQLite {sqlcipher3.sqlite_version}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, {load}, work folder {work}")
    results = {}
    try:
        if only in (None, "saves"):
            results["saves"] = bench_saves(work, page_size, drafts, saves)
        if only in (None, "import"):
            results["import"] = bench_import(work, size_mb, evidence_page_size, settings)
        if only in (None, "unlock"):
            results["unlock"] = bench_unlock(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _init_child(home: str, evidence_page_size: str) -> None:
    from desktop import vault as vault_module
    from desktop.vault import Vault
    vault_module.NEW_VAULT = dataclasses.replace(vault_module.NEW_VAULT, evidence_page_size=int(evidence_page_size))
    Vault.init(home, "admin", PASSPHRASE)[0].lock()


def main(argv=None) -> None:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in ("_init", "_import"):
        {"_init": _init_child, "_import": _import_child}[sys.argv[1]](*sys.argv[2:])
        return
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", choices=("saves", "import", "unlock"))
    p.add_argument("--page-size", type=int, help="vault.db page size to try for (a) (default: the vault's)")
    p.add_argument("--evidence-page-size", type=int, help="evidence.db page size to try for (b)")
    p.add_argument("--chunk-kib", type=int, help="evidence chunk size to try")
    p.add_argument("--batch-mb", type=int, help="evidence bytes per transaction to try")
    p.add_argument("--drafts", type=int, default=10_000)
    p.add_argument("--saves", type=int, default=1_000)
    a = p.parse_args(argv)
    run(a.only, a.page_size, a.chunk_kib, a.batch_mb, a.drafts, a.saves, a.evidence_page_size)


if __name__ == "__main__":
    main()
