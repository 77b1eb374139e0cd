"""A numpy forward pass of a BERT sentence-embedding model (all-MiniLM-L6-v2:
6 layers, 384 wide, 12 heads), mean-pooled over tokens and L2-normalised,
as sentence-transformers computes it. Needs numpy, tokenizers, safetensors.
"""
import os
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MAX_TOKENS = 256  # the model's max_seq_length


def _erf(x):
    # Abramowitz and Stegun 7.1.26 (error below 1.5e-7), as numpy has no erf.
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-a * a)
    return s * y


def _gelu(x):
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x, g, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + b


class MiniLM:
    def __init__(self, model_dir):
        self.w = load_file(os.path.join(model_dir, "model.safetensors"))
        self.tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.no_padding()
        cfg = 0
        while f"encoder.layer.{cfg}.attention.self.query.weight" in self.w:
            cfg += 1
        self.layers = cfg
        self.heads = 12
        # Pre-transpose the dense weights once.
        self.t = {k: np.ascontiguousarray(v.T) for k, v in self.w.items() if k.endswith("dense.weight") or k.endswith(("query.weight", "key.weight", "value.weight"))}

    def tokens(self, texts):
        return [e.ids for e in self.tok.encode_batch(list(texts))]

    def _forward(self, ids, mask):
        w, t = self.w, self.t
        B, L = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:L][None] + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        H = self.heads
        D = x.shape[-1] // H
        bias = ((1.0 - mask) * -1e9).astype(np.float32)[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            def proj(name):
                return (x2 @ t[p + name + ".weight"] + w[p + name + ".bias"]).reshape(B, L, H, D).transpose(0, 2, 1, 3)
            x2 = x.reshape(B * L, H * D)
            q, k, v = proj("attention.self.query"), proj("attention.self.key"), proj("attention.self.value")
            s = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(D)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(B, L, H * D)
            a = ctx.reshape(B * L, H * D) @ t[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
            x = _layer_norm(x2 + a, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = _gelu(x @ t[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
            o = h @ t[p + "output.dense.weight"] + w[p + "output.dense.bias"]
            x = _layer_norm(x + o, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]).reshape(B, L, H * D)
        m = mask[:, :, None]
        e = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return e / np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)

    def embed(self, texts, batch=64):
        """Returns one unit vector (float32, 384) a text, in order."""
        texts = list(texts)
        toks = self.tokens(texts)
        order = sorted(range(len(texts)), key=lambda i: len(toks[i]))
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            L = max(len(toks[i]) for i in idx)
            ids = np.zeros((len(idx), L), np.int64)
            mask = np.zeros((len(idx), L), np.float32)
            for r, i in enumerate(idx):
                ids[r, :len(toks[i])] = toks[i]
                mask[r, :len(toks[i])] = 1
            out[idx] = self._forward(ids, mask)
        return out


def flops_per_text(n_tokens, layers=6, width=384, ffn=1536):
    """Multiply-adds counted as two FLOPs: the dense layers and attention."""
    dense = 2 * n_tokens * (4 * width * width + 2 * width * ffn)
    attn = 2 * 2 * n_tokens * n_tokens * width
    return layers * (dense + attn)
