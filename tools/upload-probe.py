"""The client half of tools/upload-probe.sh: fills in the public form like a person (form, check page) and then sends
it with documents, several at once, while sampling the portal's resident memory."""
import html.parser, http.cookiejar, os, re, subprocess, sys, threading, time, urllib.parse, urllib.request, uuid

base, pid, sends, files, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

class Fields(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.fields = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") in ("hidden", None, "text") and a.get("name"):
            self.fields.append((a["name"], a.get("value") or ""))

def fields(page):
    p = Fields(); p.feed(page); return p.fields

ANSWERS = {"Form.FilingFor": "self", "Form.FullName": "Probe Uploader", "Form.Bsn": "111222333", "Form.BirthDay": "27",
           "Form.BirthMonth": "3", "Form.BirthYear": "1968", "Form.Email": "probe@example.nl", "Form.Phone": "06 12345678",
           "Form.PreferredChannel": "Phone", "Form.PreferredTime": "Morning", "Form.FinancialTrouble": "true",
           "Form.Description": "Mijn uitkering stopte na de herbeoordeling.", "Form.NoIncome": "yes",
           "Form.DebtCollectionOrEviction": "no", "Form.CrisisOrDanger": "no", "Form.Consent": "true"}

def rss_mb():
    try:
        return int(subprocess.check_output(["ps", "-o", "rss=", "-p", pid]).strip()) / 1024
    except subprocess.CalledProcessError:
        return 0

def one_send(index, results):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/melden").read().decode()
    values = dict(fields(form)); values.update(ANSWERS)
    review = opener.open(base + "/melden?handler=Review", urllib.parse.urlencode(values).encode()).read().decode()
    boundary = uuid.uuid4().hex
    body = bytearray()
    for name, value in fields(review):
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode()
    pdf = b"%PDF-1.4\n" + os.urandom(10 * 1024 * 1024 - 32) + b"\n%%EOF\n"
    for i in range(files):
        body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"Files\"; filename=\"bijlage{i}.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".encode() + pdf + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/melden?handler=Submit", bytes(body), {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    started = time.time()
    try:
        with opener.open(request) as response:
            results[index] = (response.status, time.time() - started, "")
    except urllib.error.HTTPError as error:
        page = error.read().decode(errors="replace")
        message = re.search(r'class="error-summary.*?<a[^>]*>(.*?)</a>', page, re.S)
        results[index] = (error.code, time.time() - started, message.group(1).strip() if message else "")

def du(path):
    return int(subprocess.check_output(["du", "-sb", path]).split()[0]) / 1024 / 1024

before = rss_mb()
peak = [before]
stop = threading.Event()
def sample():
    while not stop.is_set():
        peak[0] = max(peak[0], rss_mb()); time.sleep(0.05)
sampler = threading.Thread(target=sample); sampler.start()
results = [None] * sends
threads = [threading.Thread(target=one_send, args=(i, results)) for i in range(sends)]
for t in threads: t.start()
for t in threads: t.join()
stop.set(); sampler.join()
time.sleep(2)
print(f"upload probe: {sends} parallel sends x {files} files of 10 MB")
print(f"portal memory: before {before:.0f} MB, peak {peak[0]:.0f} MB, after {rss_mb():.0f} MB")
print(f"disk: documents {du(os.path.join(work, 'data')):.0f} MB (data directory), request buffers left {du(os.path.join(work, 'tmp')):.0f} MB")
for i, (status, seconds, message) in enumerate(results):
    print(f"send {i + 1}: {status} in {seconds:.1f} s {message[:90]}")
