#!/usr/bin/env python3
"""Times a terminal program's start to its first frame, in a pseudo-terminal of 100x30.

Usage: firstframe.py RUNS MARKER CMD [ARGS...]

Each run starts CMD in a new pty, answers the terminal queries a terminal emulator answers
(background colour, device attributes, cursor position), and stops the clock when MARKER
appears in what CMD drew (escape sequences removed). Then CMD is sent ctrl+c and, if still
there after a second, killed. Prints the best and the median of RUNS, in milliseconds.
Every run is bounded: 10 s for the first frame.
"""
import fcntl, os, pty, re, select, signal, statistics, struct, sys, termios, time

ESC = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")
ANSWERS = [  # what a terminal answers to the queries a Bubble Tea program may send at start
    (re.compile(rb"\x1b\]11;\?(\x07|\x1b\\)"), b"\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\"),
    (re.compile(rb"\x1b\]10;\?(\x07|\x1b\\)"), b"\x1b]10;rgb:d0d0/d0d0/d0d0\x1b\\"),
    (re.compile(rb"\x1b\[c"), b"\x1b[?62;22c"),
    (re.compile(rb"\x1b\[6n"), b"\x1b[1;1R"),
]


def run_once(marker, cmd):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen, took = b"", None
    deadline = start + 10
    try:
        while time.perf_counter() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            for query, answer in ANSWERS:
                for _ in query.findall(chunk):
                    os.write(fd, answer)
            if marker in ESC.sub(b"", seen):
                took = time.perf_counter() - start
                break
    finally:
        try:
            os.write(fd, b"\x03")
        except OSError:
            pass
        for _ in range(20):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if took is None:
        sys.exit(f"firstframe: {marker.decode()!r} never appeared from {' '.join(cmd)}")
    return took * 1000


def main():
    runs, marker, cmd = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    times = [run_once(marker, cmd) for _ in range(runs)]
    print(f"{min(times):.1f} {statistics.median(times):.1f}")


if __name__ == "__main__":
    main()
