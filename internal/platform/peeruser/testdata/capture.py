# Made testdata/tcp and tcp6 (run as root on Linux, with setpriv):
#   python3 capture.py && sed -E 's/ [0-9a-f]{16}( |$)/ 0000000000000000\1/' -i tcp tcp6
# (the sed zeroes the column of hashed kernel pointers). It holds the
# connections TestScanProcNetCaptured lists and prints their ends.
import socket, subprocess, time, sys, os
keep = []
def listen(fam, host):
    s = socket.socket(fam, socket.SOCK_STREAM); s.bind((host, 0)); s.listen(8); keep.append(s); return s
l4 = listen(socket.AF_INET, "127.0.0.1")
l6 = listen(socket.AF_INET6, "::1")
p4 = l4.getsockname()[1]; p6 = l6.getsockname()[1]
info = {}
# root clients, v4 and v6, established
c = socket.create_connection(("127.0.0.1", p4)); keep.append(c); a, _ = l4.accept(); keep.append(a); info["root4"] = (c.getsockname(), c.getpeername())
c = socket.socket(socket.AF_INET6); c.connect(("::1", p6)); keep.append(c); a, _ = l6.accept(); keep.append(a); info["root6"] = (c.getsockname()[:2], c.getpeername()[:2])
# v4-mapped client: an AF_INET6 socket to the IPv4 listener
c = socket.socket(socket.AF_INET6); c.connect(("::ffff:127.0.0.1", p4)); keep.append(c); a, _ = l4.accept(); keep.append(a); info["mapped"] = (c.getsockname()[:2], c.getpeername()[:2])
# half-closed: shutdown(SHUT_WR), fd kept
c = socket.create_connection(("127.0.0.1", p4)); keep.append(c); a, _ = l4.accept(); keep.append(a); c.shutdown(socket.SHUT_WR); info["shutwr"] = (c.getsockname(), c.getpeername())
# closed: the client closes, the server keeps its end
c = socket.create_connection(("127.0.0.1", p4)); a, _ = l4.accept(); keep.append(a); info["closed"] = (c.getsockname(), c.getpeername()); c.close()
# nobody clients via setpriv + bash /dev/tcp
procs = []
for host, l, name in (("127.0.0.1", l4, "nobody4"), ("::1", l6, "nobody6")):
    port = l.getsockname()[1]
    p = subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "bash", "-c", f"exec 3<>/dev/tcp/{host}/{port}; sleep 5"])
    procs.append(p); a, peer = l.accept(); keep.append(a); info[name] = (peer[:2], a.getsockname()[:2])
time.sleep(0.5)
open("tcp", "w").write(open("/proc/net/tcp").read())
open("tcp6", "w").write(open("/proc/net/tcp6").read())
for k, v in info.items(): print(k, "client", v[0], "server", v[1])
print("listen4", p4, "listen6", p6)
for p in procs: p.kill()
