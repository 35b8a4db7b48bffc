"""Karpathy's min-char-rnn (https://gist.github.com/karpathy/d4dee566867f8291f086), made measurable.

The algorithm and settings are the original's, line for line: a vanilla RNN, hidden 100, window 25,
batch 1, one-hot input, weights ~ randn * 0.01 and zero biases, BPTT over the window with the hidden state
carried from one window to the next, each gradient clipped elementwise to [-5, 5], Adagrad with learning
rate 0.1 (param -= lr * d / sqrt(mem + 1e-8)), and the read pointer going back to the start with a zero
state when the next window would run past the end of the data (p + 25 + 1 >= len(data)).

What differs, and why (none of it changes what is learnt):
  * it trains on the first part of the corpus only (the Text lab's split: the last
    floor(0.05 * n) characters are validation and never trained on);
  * it trains for a given wall time instead of forever, and does not print a sample every 100 steps;
  * at each checkpoint time the clock stops and the validation text is scored the way the Text lab's
    worker scores it (TfjsTextEngine.evaluate): the whole validation text, cut into consecutive rows of 256
    characters (the last row shorter), each row from a zero hidden state, every next-character
    prediction counted once; mean -log2 p over all of them = bits/char. The figure with the hidden state
    carried through the whole validation text from zero (min-char-rnn's own way of reading) is reported
    too (`carried`).

usage: python3 min_char_rnn.py CORPUS.txt [--seconds 90,300] [--valid-fraction 0.05] [--seed 0]
Prints one JSON object per checkpoint on stdout.
"""
import argparse
import json
import math
import sys
import time

import numpy as np

EVAL_ROW = 256  # the worker's evaluation row length (src/core/text/tfjs/engine.ts, EVAL_ROW)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('corpus')
    ap.add_argument('--seconds', default='90,300')
    ap.add_argument('--valid-fraction', type=float, default=0.05)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--max-steps', type=int, default=0, help='stop after this many steps (0: by time only)')
    args = ap.parse_args()
    checkpoints = sorted(float(s) for s in args.seconds.split(',') if s)

    with open(args.corpus, encoding='utf-8') as f:
        data = f.read()
    # The lab's vocabulary: every distinct code point of the whole text (order does not matter here).
    chars = sorted(set(data))
    vocab_size = len(chars)
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    tokens = np.array([char_to_ix[ch] for ch in data], dtype=np.int64)
    n_valid = int(math.floor(len(tokens) * args.valid_fraction))
    if n_valid < 2:
        n_valid = 0
    cut = len(tokens) - n_valid
    train, valid = tokens[:cut].tolist(), tokens[cut:]

    np.random.seed(args.seed)
    hidden_size = 100
    seq_length = 25
    learning_rate = 1e-1
    Wxh = np.random.randn(hidden_size, vocab_size) * 0.01  # input to hidden
    Whh = np.random.randn(hidden_size, hidden_size) * 0.01  # hidden to hidden
    Why = np.random.randn(vocab_size, hidden_size) * 0.01  # hidden to output
    bh = np.zeros((hidden_size, 1))
    by = np.zeros((vocab_size, 1))

    def lossFun(inputs, targets, hprev):
        """inputs, targets: lists of ints; hprev: Hx1 initial state. The original's function, unchanged."""
        xs, hs, ys, ps = {}, {}, {}, {}
        hs[-1] = np.copy(hprev)
        loss = 0
        for t in range(len(inputs)):
            xs[t] = np.zeros((vocab_size, 1))
            xs[t][inputs[t]] = 1
            hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh)
            ys[t] = np.dot(Why, hs[t]) + by
            ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
            loss += -np.log(ps[t][targets[t], 0])
        dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
        dbh, dby = np.zeros_like(bh), np.zeros_like(by)
        dhnext = np.zeros_like(hs[0])
        for t in reversed(range(len(inputs))):
            dy = np.copy(ps[t])
            dy[targets[t]] -= 1
            dWhy += np.dot(dy, hs[t].T)
            dby += dy
            dh = np.dot(Why.T, dy) + dhnext
            dhraw = (1 - hs[t] * hs[t]) * dh
            dbh += dhraw
            dWxh += np.dot(dhraw, xs[t].T)
            dWhh += np.dot(dhraw, hs[t - 1].T)
            dhnext = np.dot(Whh.T, dhraw)
        for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)
        return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]

    def rows_loss(start, n_rows, length):
        """Summed -ln p over n_rows consecutive rows of `length` targets from valid[start:], each from h = 0."""
        x = valid[start:start + n_rows * length].reshape(n_rows, length).T  # [len, R]
        y = valid[start + 1:start + n_rows * length + 1].reshape(n_rows, length).T
        h = np.zeros((hidden_size, n_rows))
        cols = np.arange(n_rows)
        total = 0.0
        for t in range(length):
            h = np.tanh(Wxh[:, x[t]] + np.dot(Whh, h) + bh)  # [H, R]
            logits = np.dot(Why, h) + by  # [V, R]
            logits -= logits.max(axis=0, keepdims=True)
            logp = logits - np.log(np.exp(logits).sum(axis=0, keepdims=True))
            total -= logp[y[t], cols].sum()
        return total

    def valid_bits(row):
        """Mean -log2 p(next char) over the whole validation text, in rows of `row` chars, each from h = 0."""
        targets_total = len(valid) - 1
        if targets_total < 1:
            return float('nan')
        L = min(targets_total, row)
        full = targets_total // L
        total = rows_loss(0, full, L)
        rest = targets_total - full * L
        if rest:
            total += rows_loss(full * L, 1, rest)
        return total / targets_total / math.log(2)

    n, p = 0, 0
    mWxh, mWhh, mWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    mbh, mby = np.zeros_like(bh), np.zeros_like(by)
    smooth_loss = -np.log(1.0 / vocab_size) * seq_length
    hprev = np.zeros((hidden_size, 1))
    trained = 0.0  # seconds of training (the clock stops while scoring)
    chars_seen = 0
    pending = list(checkpoints)
    t0 = time.perf_counter()
    while pending:
        if p + seq_length + 1 >= len(train) or n == 0:
            hprev = np.zeros((hidden_size, 1))
            p = 0
        inputs = train[p:p + seq_length]
        targets = train[p + 1:p + seq_length + 1]
        loss, dWxh, dWhh, dWhy, dbh, dby, hprev = lossFun(inputs, targets, hprev)
        smooth_loss = smooth_loss * 0.999 + loss * 0.001
        for param, dparam, mem in zip([Wxh, Whh, Why, bh, by], [dWxh, dWhh, dWhy, dbh, dby], [mWxh, mWhh, mWhy, mbh, mby]):
            mem += dparam * dparam
            param += -learning_rate * dparam / np.sqrt(mem + 1e-8)
        p += seq_length
        n += 1
        chars_seen += seq_length
        elapsed = trained + time.perf_counter() - t0
        done_by_steps = args.max_steps and n >= args.max_steps
        if elapsed >= pending[0] or done_by_steps:
            trained = elapsed
            at = pending.pop(0)
            e0 = time.perf_counter()
            bits = valid_bits(EVAL_ROW)
            carried = valid_bits(len(valid))
            print(json.dumps({
                'seconds': at, 'trainedSeconds': round(trained, 2), 'steps': n, 'chars': chars_seen,
                'charsPerSec': round(chars_seen / trained), 'validBits': bits, 'validBitsCarried': carried,
                'trainSmoothBits': smooth_loss / seq_length / math.log(2), 'vocabSize': vocab_size,
                'trainChars': len(train), 'validChars': len(valid), 'evalSeconds': round(time.perf_counter() - e0, 2),
            }), flush=True)
            if done_by_steps:
                break
            t0 = time.perf_counter()


if __name__ == '__main__':
    sys.exit(main())
