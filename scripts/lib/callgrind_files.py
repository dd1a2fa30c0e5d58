"""Reading valgrind's callgrind output files, for scripts/profile-parse and scripts/profile-ingest."""


def read_profile(path):
    """(pid, command line, instructions) of one callgrind output file; instructions is None when the
    file has no `totals:` or `summary:` line (its process did not finish)."""
    pid, cmd, totals, summary = None, "", None, None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("pid:"):
                pid = int(line.split()[1])
            elif line.startswith("cmd:"):
                cmd = line[4:].strip()
            elif line.startswith("totals:"):
                totals = int(line.split()[1])
            elif line.startswith("summary:"):
                summary = int(line.split()[1])
    return pid, cmd, totals if totals is not None else summary
