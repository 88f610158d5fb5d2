"""The peak resident memory of a running process, for the benchmarks in this folder."""
import threading
import time


def peak_rss_while(process):
    """Samples VmHWM (the peak so far) of `process` until it ends, on a thread of its own.
    Returns the thread (join it after the process ended) and a one-item list holding the peak in kB."""
    peak = [0]

    def sample():
        path = f"/proc/{process.pid}/status"
        while process.poll() is None:
            try:
                with open(path) as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            peak[0] = max(peak[0], int(line.split()[1]))
            except OSError:
                break
            time.sleep(0.005)

    thread = threading.Thread(target=sample)
    thread.start()
    return thread, peak
