"""Title -> SOC 2020 unit group by the nearest training titles in embedding
space, alone and blended with the coder's probabilities.

    python soc_knn.py DIR dev            # grid on the development fifth
    python soc_knn.py DIR held SETTING   # one setting, once, on the held-out fifth

DIR holds NAME_train.json (the titles the coder learns from), NAME_queries.json
(the titles measured, their unit groups and the coder's candidates) and the
embedding cache (embed_soc_texts.py).
"""
import json, os, sys
from collections import defaultdict
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from embcache import Cache

d, name = sys.argv[1], sys.argv[2]
tr = json.load(open(os.path.join(d, name + "_train.json")))
qs = json.load(open(os.path.join(d, name + "_queries.json")))
cache = Cache(None, os.path.join(d, "emb"))
E = cache.get([t["Title"] for t in tr])
Q = cache.get([q["uninv"] for q in qs])
units = sorted({t["Unit"] for t in tr})
uid = {u: i for i, u in enumerate(units)}
tu = np.array([uid[t["Unit"]] for t in tr])
tw = np.array([t["Weight"] or 1.0 for t in tr], np.float32)
desc = np.array([t["Description"] for t in tr])
esco = np.array([t["Weight"] in (0.5, 0.25) and not t["Description"] for t in tr])
sources = {
    "index": ~desc & ~esco,   # coding index titles, sub-unit and unit group titles
    "index+esco": ~desc,
    "all": np.ones(len(tr), bool),
}
K = 50


def neighbours(mask):
    idx = np.nonzero(mask)[0]
    Es = E[idx]
    nb, ns = np.zeros((len(qs), K), np.int64), np.zeros((len(qs), K), np.float32)
    for s in range(0, len(qs), 256):
        sim = Q[s:s + 256] @ Es.T
        top = np.argpartition(-sim, K, axis=1)[:, :K]
        ts = np.take_along_axis(sim, top, 1)
        o = np.argsort(-ts, 1)
        nb[s:s + 256] = idx[np.take_along_axis(top, o, 1)]
        ns[s:s + 256] = np.take_along_axis(ts, o, 1)
    return nb, ns


def knn_probs(nb, ns, k, temp):
    P = np.zeros((len(qs), len(units)), np.float32)
    for i in range(len(qs)):
        np.add.at(P[i], tu[nb[i, :k]], tw[nb[i, :k]] * np.exp((ns[i, :k] - ns[i, 0]) / temp))
    return P / P.sum(1, keepdims=True)


C = np.zeros((len(qs), len(units)), np.float32)
for i, q in enumerate(qs):
    for c in q["coder"] or []:
        if c["u"] in uid:
            C[i, uid[c["u"]]] = c["p"]
right = np.zeros((len(qs), len(units)), bool)
for i, q in enumerate(qs):
    for u in q["units"]:
        if u in uid:
            right[i, uid[u]] = True


def score(P):
    # Ties and all-zero rows (no answer) count as wrong unless the first is right.
    top = np.argsort(-P, 1, kind="stable")[:, :3]
    has = P.max(1) > 0
    t1 = (np.take_along_axis(right, top[:, :1], 1)[:, 0] & has).mean()
    t3 = (np.take_along_axis(right, top, 1).any(1) & has).mean()
    return t1, t3


def run(src, k, temp, alpha):
    nb, ns = neighbours(sources[src])
    P = knn_probs(nb, ns, k, temp)
    return score((1 - alpha) * C + alpha * P)


if name != "held":
    print(f"{len(qs)} titles; coder alone: top-1 %.3f top-3 %.3f" % score(C))
    best = []
    for src in sources:
        nb, ns = neighbours(sources[src])
        for k in (1, 5, 10, 20, 50):
            for temp in (0.02, 0.05, 0.1, 1.0):
                if k == 1 and temp != 1.0:
                    continue
                P = knn_probs(nb, ns, k, temp)
                row = [score(P)]
                for a in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
                    row.append(score((1 - a) * C + a * P))
                print(src, k, temp, " ".join("%.3f/%.3f" % r for r in row), flush=True)
                for a, r in zip((0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), row):
                    best.append((r[0], r[1], src, k, temp, 1.0 if a == 0 else a))
    best.sort(reverse=True)
    for b in best[:10]:
        print("best", b)
else:
    src, k, temp, alpha = sys.argv[3].split(",")
    print(f"{len(qs)} held-out titles; coder alone: top-1 %.3f top-3 %.3f" % score(C))
    print(f"{src} k={k} temp={temp} alpha={alpha}: top-1 %.3f top-3 %.3f" % run(src, int(k), float(temp), float(alpha)))
