#!/usr/bin/env python3
"""Start-up figures of `mptcpkit shell` and `mptcpkit script`, whole process, median of N runs.

  python3 shell/src/build/startup_bench.py [-n 11] [--configs launcher,noaot,defaults]

Measures, for each JVM configuration:
  prompt       process start -> "mptcpkit> " drawn on a pseudo-terminal (120x40, TERM=xterm-256color)
  typed answer process start -> the answer of the first command (--command, default `1+1`)
               typed the moment the prompt appears
  pipe answer  `echo COMMAND | mptcpkit shell`: process start -> the answer on standard output
  pipe exit    the same, until the process has exited
  pipe cpu     the same, user + system CPU time of the process (all its threads): less
               sensitive to other load on the machine than the wall times
  script       `mptcpkit script trivial.groovy` (println 1+1), until the process has exited
  script cpu   its CPU time
Run it from the repository root after `mvn -B package` (it uses shell/target)."""
import argparse, fcntl, os, pty, select, statistics, struct, subprocess, sys, tempfile, termios, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
CP = "shell/target/shell-0.1.0-SNAPSHOT.jar:shell/target/lib/*"
FLAGS = ["--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"]
CONFIGS = {
    # what ./mptcpkit runs: the AOT cache made by the build, serial GC
    "launcher": [os.path.join(ROOT, "mptcpkit")],
    # the same JVM command without the launcher script (bash, the rebuild check)
    "aot": [JAVA] + FLAGS + ["-XX:AOTCache=shell/target/mptcpkit.aot", "-Xlog:aot=off", "-cp", CP, "org.mptcpkit.shell.Main"],
    # the same plus C1 only (-XX:TieredStopAtLevel=1)
    "aot-c1": [JAVA] + FLAGS + ["-XX:TieredStopAtLevel=1", "-XX:AOTCache=shell/target/mptcpkit.aot", "-Xlog:aot=off",
                                "-cp", CP, "org.mptcpkit.shell.Main"],
    # the launcher's flags without the AOT cache (the JDK's default CDS archive only)
    "noaot": [JAVA] + FLAGS + ["-Xshare:auto", "-cp", CP, "org.mptcpkit.shell.Main"],
    # C1 only without the AOT cache
    "noaot-c1": [JAVA] + FLAGS + ["-XX:TieredStopAtLevel=1", "-cp", CP, "org.mptcpkit.shell.Main"],
    # the JVM's defaults (G1), no AOT cache
    "defaults": [JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", CP, "org.mptcpkit.shell.Main"],
}


def on_pty(argv, command, answer):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["MPTCPKIT_HISTORY"] = os.path.join(tempfile.gettempdir(), "mptcpkit-bench-history")
        os.chdir(ROOT)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    buf = b""

    def until(token, start=0):
        nonlocal buf
        end = time.monotonic() + 30
        while buf.find(token, start) < 0:
            r, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
            if not r:
                raise TimeoutError(f"no {token!r} in {buf[-300:]!r}")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError(buf[-300:])
            buf += chunk

    until(b"mptcpkit> ")
    prompt = time.monotonic() - t0
    mark = len(buf)
    os.write(fd, command.encode() + b"\r")
    until(answer, mark + len(command))
    typed = time.monotonic() - t0
    os.write(fd, b":quit\r")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return prompt, typed


def on_pipe(argv, stdin, answer):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdin.write(stdin.encode())
    p.stdin.close()
    out = b""
    while answer not in out:
        chunk = p.stdout.read1(65536)
        if not chunk:
            raise EOFError(out)
        out += chunk
    first = time.monotonic() - t0
    p.stdout.read()
    _, _, usage = os.wait4(p.pid, 0)
    p.returncode = 0
    return first, time.monotonic() - t0, usage.ru_utime + usage.ru_stime


def fmt(xs):
    return f"{statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=11)
    ap.add_argument("--configs", default="launcher,aot,aot-c1,noaot,noaot-c1,defaults")
    ap.add_argument("--command", default="1+1", help="the first command (e.g. \"IP(dst:'10.0.0.1')\")")
    ap.add_argument("--answer", default="2", help="text that shows the command's answer has arrived")
    a = ap.parse_args()
    script = os.path.join(tempfile.gettempdir(), "mptcpkit-bench-trivial.groovy")
    with open(script, "w") as f:
        f.write("println 1+1\n")  # prints 2
    print(f"load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cpus, n={a.n}, command {a.command!r}")
    for name in a.configs.split(","):
        base = CONFIGS[name]
        r = {"prompt": [], "typed answer": [], "pipe answer": [], "pipe exit": [], "pipe cpu": [], "script": [],
             "script cpu": []}
        cmd, ans = a.command, a.answer.encode()
        on_pipe(base + ["shell"], cmd + "\n", ans)  # one unmeasured run: file cache
        for _ in range(a.n):
            p, t = on_pty(base + ["shell"], cmd, ans)
            r["prompt"].append(p)
            r["typed answer"].append(t)
            first, done, cpu = on_pipe(base + ["shell"], cmd + "\n", ans)
            r["pipe answer"].append(first)
            r["pipe exit"].append(done)
            r["pipe cpu"].append(cpu)
            _, done, cpu = on_pipe(base + ["script", script], "", b"2\n")
            r["script"].append(done)
            r["script cpu"].append(cpu)
        print(f"\n{name}: {' '.join(base)}")
        for k, v in r.items():
            print(f"  {k:13} {fmt(v)}")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


main()
