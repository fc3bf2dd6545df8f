#!/usr/bin/env python3
"""usage-audit on a Spark cluster (DESIGN §9): the logs are split over Spark tasks, each
task counts its share with `usage-audit partial`, and the driver merges the partials with
`usage-audit merge` and writes the reports with `usage-audit run --partial`.

    spark-submit scripts/spark-audit.py --binary /usr/local/bin/usage-audit \\
        --config config.toml [--keys keys.csv] [--tasks N] [--as-of TIME] \\
        -- run --out reports [--state state.sqlite] [--profiles SOURCE] ... LOG...

Everything after `--` is the final command (`run`, `count` or `reconcile` with its own
options); its LOG operands are the logs the tasks read (files or folders Spark can read:
paths, file://, hdfs://, s3a://) instead of logs of the driver. The binary, the
configuration and the keys file it names are shipped to the executors (SparkContext.addFile):
give --keys the keys file when the configuration names one. Spark retries a failed task; a
log in two tasks is refused by merge, so no retry counts twice.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the usage-audit executable (Linux, shipped to the executors)")
    parser.add_argument("--config", required=True, help="the configuration (shipped to the executors)")
    parser.add_argument("--keys", help="the keys file the configuration names (shipped beside it)")
    parser.add_argument("--master", help="the Spark master when not run by spark-submit (e.g. local[2])")
    parser.add_argument("--tasks", type=int, default=0, help="how many tasks read the logs (default: Spark's parallelism)")
    parser.add_argument("--as-of", dest="as_of", help="the audit moment, given to every partial and to the final command")
    parser.add_argument("final", nargs=argparse.REMAINDER, help="-- run|count|reconcile [options] LOG...")
    arguments = parser.parse_args()
    final = arguments.final[1:] if arguments.final[:1] == ["--"] else arguments.final
    if not final or final[0] not in ("run", "count", "reconcile"):
        parser.error("give the final command after --: run, count or reconcile, with its options and the logs")
    command, logs = split_logs(final)
    if not logs:
        parser.error("give the logs as operands of the final command")

    builder = SparkSession.builder.appName("usage-audit")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    context = spark.sparkContext
    for path in [arguments.binary, arguments.config] + ([arguments.keys] if arguments.keys else []):
        context.addFile(os.path.abspath(path))
    binary_name = os.path.basename(arguments.binary)
    config_name = os.path.basename(arguments.config)
    as_of = ["--as-of", arguments.as_of] if arguments.as_of else []
    tasks = arguments.tasks or context.defaultParallelism

    def count_partition(index, files):
        """Writes this task's logs to a scratch folder (under their own paths) and counts them."""
        files = list(files)
        if not files:
            return []
        scratch = tempfile.mkdtemp(prefix="usage-audit-task-")
        try:
            names = []
            for path, content in files:
                # file:/a/b, hdfs://host/a/b → a/b, host/a/b
                name = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:", "", path).lstrip("/")
                target = os.path.join(scratch, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(content)
                names.append(name)
            binary = SparkFiles.get(binary_name)
            os.chmod(binary, 0o755)
            result = subprocess.run(
                [binary, "partial", "-q", "--config", SparkFiles.get(config_name), "-o", "-"] + as_of + names,
                cwd=scratch, capture_output=True)
            # 4: a log was damaged; the partial holds everything readable, and says so.
            if result.returncode not in (0, 4):
                raise RuntimeError(f"usage-audit partial exited {result.returncode} in task {index}: {result.stderr.decode(errors='replace')}")
            return [(index, result.stdout)]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    paths = ",".join(logs)
    files = context.binaryFiles(paths, minPartitions=tasks)
    # Spark packs small files into one split: spread them over the tasks asked for.
    if files.getNumPartitions() < tasks:
        files = files.repartition(tasks)
    partials = files.mapPartitionsWithIndex(count_partition).collect()
    spark.stop()

    folder = tempfile.mkdtemp(prefix="usage-audit-partials-")
    try:
        names = []
        for index, content in sorted(partials):
            name = os.path.join(folder, f"task-{index}.partial.jsonl")
            with open(name, "wb") as handle:
                handle.write(content)
            names.append(name)
        print(f"spark-audit: {len(names)} task(s) counted the logs into partials; merging them", file=sys.stderr)
        merged = os.path.join(folder, "merged.partial.jsonl")
        subprocess.run([arguments.binary, "merge", "-q", "-o", merged] + names, check=True)
        final_command = [arguments.binary, command[0], "--config", arguments.config] + as_of + command[1:] + ["--partial", merged]
        return subprocess.run(final_command).returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def split_logs(final):
    """The final command without its LOG operands, and those operands (options of the final
    command that take a value are known by name)."""
    takes_value = {
        "--config", "--profiles", "--state", "--out", "--as-of", "--tolerance", "--snapshot-at", "--fail-on", "--fix-sql",
        "--fix-sql-table", "--jobs", "--format", "-o", "--partial",
    }
    command, logs = [final[0]], []
    items = iter(final[1:])
    for item in items:
        if item in takes_value:
            command += [item, next(items)]
        elif item.startswith("-"):
            command.append(item)
        else:
            logs.append(item)
    return command, logs


if __name__ == "__main__":
    sys.exit(main())
