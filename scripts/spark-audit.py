#!/usr/bin/env python3
"""usage-audit on a Spark cluster (DESIGN §9): the logs are split over Spark tasks, each
task counts its share with `usage-audit partial`, and the driver merges the partials with
`usage-audit merge` and writes the reports with `usage-audit run --partial`.

    spark-submit scripts/spark-audit.py --binary /usr/local/bin/usage-audit \\
        --config config.toml [--keys keys.csv] [--tasks N] \\
        -- run --out reports [--as-of TIME] [--state state.sqlite] [--profiles SOURCE] ... LOG...

Everything after `--` is the final command (`run`, `count` or `reconcile` with its own
options, but not --config); its LOG operands are the logs the tasks read: files or folders
(read recursively) that Spark can read (paths, file://, hdfs://, s3a://), or Hadoop globs.
Hadoop skips names that start with `_` or `.`. An --as-of of the final command is given to
every partial too. The binary, the configuration and the keys file it names are shipped to
the executors (SparkContext.addFile): give --keys the keys file when the configuration
names one (by a bare file name, beside the configuration). Spark retries a failed task; a
log in two tasks is refused by merge, so no retry counts twice.

Exit codes are usage-audit's (DESIGN §7): 2 for a usage error (checked before Spark starts
where it can be), 3 when a task could not count its logs, else the final command's.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Options of the final command that take a value.
TAKES_VALUE = {
    "--profiles", "--state", "--out", "--as-of", "--tolerance", "--snapshot-at", "--fail-on", "--fix-sql",
    "--fix-sql-table", "--jobs", "--format", "-o", "--partial",
}


def fail(message, code):
    print(f"spark-audit: error: {message}", file=sys.stderr)
    return code


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the usage-audit executable (Linux, shipped to the executors)")
    parser.add_argument("--config", required=True, help="the configuration (shipped to the executors)")
    parser.add_argument("--keys", help="the keys file the configuration names (shipped beside it)")
    parser.add_argument("--master", help="the Spark master when not run by spark-submit (e.g. local[2])")
    parser.add_argument("--tasks", type=int, default=0, help="how many tasks read the logs (default: Spark's parallelism)")
    parser.add_argument("final", nargs=argparse.REMAINDER, help="-- run|count|reconcile [options] LOG...")
    arguments = parser.parse_args()
    final = arguments.final[1:] if arguments.final[:1] == ["--"] else arguments.final
    if not final or final[0] not in ("run", "count", "reconcile"):
        parser.error("give the final command after --: run, count or reconcile, with its options and the logs")
    try:
        command, logs, as_of = split_final(final)
    except ValueError as problem:
        parser.error(str(problem))
    if not logs:
        parser.error("give the logs as operands of the final command")
    problem = check_keys(arguments.config, arguments.keys)
    if problem:
        return fail(problem, 2)

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("usage-audit")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    context = spark.sparkContext
    # A folder of logs is read recursively, as usage-audit reads one.
    context._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    for path in [arguments.binary, arguments.config] + ([arguments.keys] if arguments.keys else []):
        context.addFile(os.path.abspath(path))
    binary_name = os.path.basename(arguments.binary)
    config_name = os.path.basename(arguments.config)
    as_of_option = ["--as-of", as_of] if as_of else []
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
                # file:/a/b, hdfs://host/a/b → a/b, host/a/b (under the scratch folder)
                name = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*:", "", path).lstrip("/")
                target = os.path.join(scratch, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(content)
                names.append(name)
            binary = SparkFiles.get(binary_name)
            os.chmod(binary, 0o755)
            result = subprocess.run(
                [binary, "partial", "-q", "--config", SparkFiles.get(config_name), "-o", "-"] + as_of_option + names,
                cwd=scratch, capture_output=True)
            # 4: a log was damaged; the partial holds everything readable, and says so.
            if result.returncode not in (0, 4):
                raise RuntimeError(f"usage-audit partial exited {result.returncode} in task {index}: {result.stderr.decode(errors='replace').strip()}")
            return [(index, result.stdout)]
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    # One RDD per operand, not one comma-separated list: a path may hold a comma.
    files = context.union([context.binaryFiles(log, minPartitions=tasks) for log in logs])
    # Spark packs small files into one split: spread them over the tasks asked for.
    if files.getNumPartitions() < tasks:
        files = files.repartition(tasks)
    try:
        partials = files.mapPartitionsWithIndex(count_partition).collect()
    except Exception as error:  # Py4J wraps the task's error in pages of JVM trace
        text = str(error)
        found = re.search(r"usage-audit partial exited \d+ in task \d+: [^\n]*", text)
        detail = found.group(0) if found else text.strip().splitlines()[0] if text.strip() else repr(error)
        return fail(f"the logs could not be counted: {detail}", 3)
    finally:
        spark.stop()

    folder = tempfile.mkdtemp(prefix="usage-audit-partials-")
    try:
        names = []
        for index, content in sorted(partials):
            name = os.path.join(folder, f"task-{index}.partial.jsonl")
            with open(name, "wb") as handle:
                handle.write(content)
            names.append(name)
        if not names:
            return fail(f"no log found in {', '.join(logs)}", 3)
        print(f"spark-audit: {len(names)} task(s) counted the logs into partials; merging them", file=sys.stderr)
        merged = os.path.join(folder, "merged.partial.jsonl")
        merge = subprocess.run([arguments.binary, "merge", "-q", "-o", merged] + names)
        if merge.returncode != 0:
            return merge.returncode
        final_command = [arguments.binary, command[0], "--config", arguments.config] + command[1:] + ["--partial", merged]
        return subprocess.run(final_command).returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def split_final(final):
    """The final command without its LOG operands, those operands, and its --as-of."""
    command, logs, as_of = [final[0]], [], None
    items = iter(final[1:])
    for item in items:
        name = item.split("=", 1)[0]
        if name == "--config":
            raise ValueError("give --config before --, not to the final command: the tasks and the final command use one")
        if name in TAKES_VALUE:
            value = item.split("=", 1)[1] if "=" in item else next(items, None)
            if value is None:
                raise ValueError(f"{item} of the final command needs a value")
            command += [name, value]
            if name == "--as-of":
                as_of = value
        elif item == "-":
            raise ValueError("the logs are read by Spark's tasks: name files or folders, not - (stdin)")
        elif item.startswith("-"):
            command.append(item)
        else:
            logs.append(item)
    return command, logs, as_of


def check_keys(config, keys):
    """What is wrong with --keys for the keys file the configuration names, or None."""
    try:
        import tomllib
        with open(config, "rb") as handle:
            named = tomllib.load(handle).get("identity", {}).get("keys")
    except FileNotFoundError:
        return f"--config {config}: no such file"
    except Exception:
        return None  # usage-audit itself says what is wrong with the configuration
    if not named:
        return None
    if os.path.basename(named) != named:
        return f"{config} names the keys file {named} in another folder: the executors get it beside the configuration, so write keys = \"{os.path.basename(named)}\" and give --keys {named}"
    if not keys:
        return f"{config} names the keys file {named}: give it with --keys so that the executors get it"
    if os.path.basename(keys) != named:
        return f"--keys {keys} is not the keys file {named} that {config} names"
    return None


if __name__ == "__main__":
    sys.exit(main())
