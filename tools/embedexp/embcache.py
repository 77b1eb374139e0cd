"""Embeds texts once and keeps the vectors in a cache file beside the
experiment's inputs (text -> row of a float32 matrix)."""
import os
import json
import numpy as np


class Cache:
    def __init__(self, model, path):
        self.model, self.path = model, path
        self.index, self.vecs = {}, np.zeros((0, 384), np.float32)
        if os.path.exists(path + ".json"):
            self.index = json.load(open(path + ".json"))
            self.vecs = np.load(path + ".npy")

    def get(self, texts):
        new = sorted({t for t in texts if t not in self.index})
        if new:
            v = self.model.embed(new)
            for i, t in enumerate(new):
                self.index[t] = len(self.vecs) + i
            self.vecs = np.concatenate([self.vecs, v])
            np.save(self.path + ".npy", self.vecs)
            json.dump(self.index, open(self.path + ".json", "w"))
        return self.vecs[[self.index[t] for t in texts]]
