#!/usr/bin/env python3
"""Damages every file TextMill reads back between runs and runs again: the state damage matrix.

    bench/state/damage_matrix.py BINARY WORKDIR [--tag NAME]

For each scenario (a committed run; a run killed after its third checkpoint, which leaves a
journal and part files), each file of the output's state folder (manifest, journal, config
copy, owner file, lock, dedup's index generations and record store) and each side file is
damaged each way the files meet outside TextMill: zero-filled and all 0xFF (size kept), one
byte flipped (a seeded random position), and cut at each eighth of its size. Then the run is
repeated twice, once on the same inputs and once with a new file (a later capture of a known
story, which dedup compares with its earlier copy), and each result is classed:

- `ok`: exit 0 and the outputs of an undamaged run or of a first run on the same inputs;
- `ok-kept`: exit 0, outputs as an undamaged run's but for the damaged side file itself (a
  change in place of a kept record's bytes: found only by `run --check-outputs`);
- `FAIL-rc` / `FAIL-diff`: any other exit status, or other outputs;
- `HANG`: no answer in 30 s.

Writes WORKDIR/rows-TAG.json and prints a table of the classes by file and damage. The corpus is
made from the sample texts in input/ (real news text), in WORKDIR; nothing outside WORKDIR is
written.
"""
import argparse, hashlib, json, os, random, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ['a.jsonl', 'a.errors.jsonl', 'a.duplicates.jsonl', 'a.filtered.jsonl']
DAMAGES = ['zero', 'ff', 'flip'] + ['cut%d' % k for k in range(8)]


def make_corpus(folder):
    os.makedirs(folder)
    texts = sorted(n for n in os.listdir(os.path.join(ROOT, 'input')) if n.endswith('.txt'))
    for i in range(24):
        src = open(os.path.join(ROOT, 'input', texts[i % len(texts)]), 'rb').read()
        open(os.path.join(folder, 'story%02d.txt' % i), 'wb').write(b'Capture %d of the story\n\n' % i + src)


class Matrix:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work
        self.w = os.path.join(work, 'w')
        self.out = os.path.join(self.w, 'out')

    def sh(self, *args):
        try:
            p = subprocess.run([self.binary, *args], capture_output=True, timeout=30, cwd=self.w, stdin=subprocess.DEVNULL)
            return p.returncode, p.stderr.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            return 'HANG', ''

    def run(self, env=None, extra=()):
        e = dict(os.environ)
        e.update(env or {})
        try:
            p = subprocess.run([self.binary, 'run', os.path.join(self.w, 'a.yaml'), '--jobs', '1', *extra], capture_output=True,
                               timeout=30, cwd=self.w, env=e, stdin=subprocess.DEVNULL)
            return p.returncode, p.stderr.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            return 'HANG', ''

    def outputs(self):
        h = []
        for k in KINDS:
            p = os.path.join(self.out, k)
            h.append(hashlib.sha256(open(p, 'rb').read()).hexdigest()[:12] if os.path.isfile(p) else '-')
        return tuple(h)

    def restore(self, snap):
        if os.path.lexists(self.w):
            shutil.rmtree(self.w)
        subprocess.run(['cp', '-a', snap, self.w], check=True)

    def follow(self, how):
        if how == 'new':
            src = open(os.path.join(ROOT, 'input', sorted(n for n in os.listdir(os.path.join(ROOT, 'input')) if n.endswith('.txt'))[1]), 'rb').read()
            open(os.path.join(self.w, 'corpus', 'zz-late.txt'), 'wb').write(b'A later capture\n\n' + src)

    def setup(self, state):
        if os.path.lexists(self.w):
            shutil.rmtree(self.w)
        os.makedirs(self.out)
        make_corpus(os.path.join(self.w, 'corpus'))
        open(os.path.join(self.w, 'a.yaml'), 'w').write(
            'input: %s/corpus/\noutput: %s/a.jsonl\nstages: [normalize, sentences, dedup]\n' % (self.w, self.out))
        if state == 'committed':
            rc, _ = self.run()
        else:
            rc, _ = self.run({'TEXTMILL_KILL_AT': 'checkpoint-written:3'}, ['--checkpoint-mb', '0.01'])
        snap = os.path.join(self.work, 'snap-' + state)
        if os.path.lexists(snap):
            shutil.rmtree(snap)
        subprocess.run(['cp', '-a', self.w, snap], check=True)
        return snap

    def damaged_files(self, snap):
        out = os.path.join(snap, 'out')
        names = []
        for folder, dirs, files in os.walk(os.path.join(out, '.a.textmill')):
            for n in files:
                names.append(os.path.relpath(os.path.join(folder, n), out))
        names += [k for k in KINDS + ['a.stats.json'] if os.path.isfile(os.path.join(out, k))]
        return sorted(n for n in names if os.path.getsize(os.path.join(out, n)) > 0)

    def damage(self, rel, how, rng):
        p = os.path.join(self.out, rel)
        data = open(p, 'rb').read()
        if how == 'zero':
            new = b'\0' * len(data)
        elif how == 'ff':
            new = b'\xff' * len(data)
        elif how == 'flip':
            b = bytearray(data)
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            new = bytes(b)
        else:
            new = data[:len(data) * int(how[3:]) // 8]
        st = os.stat(p)
        open(p, 'wb').write(new)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('binary')
    ap.add_argument('work')
    ap.add_argument('--tag', default='run')
    ap.add_argument('--check-outputs', action='store_true', help='run with --check-outputs')
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    m = Matrix(os.path.abspath(a.binary), os.path.abspath(a.work))
    extra = ['--check-outputs'] if a.check_outputs else []
    rows = []
    for state in ['committed', 'killed']:
        snap = m.setup(state)
        ref, fresh = {}, {}
        for how in ['same', 'new']:
            m.restore(snap); m.follow(how); m.run(); ref[how] = m.outputs()
            m.restore(snap); m.follow(how); shutil.rmtree(m.out); os.makedirs(m.out); m.run(); fresh[how] = m.outputs()
        for rel in m.damaged_files(snap):
            for dmg in DAMAGES:
                for how in ['same', 'new']:
                    m.restore(snap)
                    m.damage(rel, dmg, random.Random(len(rel) * 31 + DAMAGES.index(dmg)))
                    m.follow(how)
                    rc, err = m.run(extra=extra)
                    o = m.outputs()
                    rc2, _ = m.run(extra=extra)
                    o2 = m.outputs()
                    if rc == 'HANG' or rc2 == 'HANG':
                        cls = 'HANG'
                    elif rc != 0 or rc2 != 0:
                        cls = 'FAIL-rc'
                    elif o in (ref[how], fresh[how]) and o2 in (ref[how], fresh[how]):
                        cls = 'ok'
                    elif rel in KINDS and all(x == y for x, y, k in zip(o2, ref[how], KINDS) if k != rel):
                        cls = 'ok-kept'
                    else:
                        cls = 'FAIL-diff'
                    notice = ' | '.join(l for l in err.splitlines() if l.startswith('textmill: ') and 'documents' not in l)[:300]
                    rows.append(dict(state=state, file=rel, damage=dmg, follow=how, rc=rc, rc2=rc2, cls=cls, notice=notice))
                    print(json.dumps(rows[-1]), flush=True)
    json.dump(rows, open(os.path.join(a.work, 'rows-%s.json' % a.tag), 'w'), indent=0)
    # The table: for each file, the classes over damages and follow-ups.
    files = sorted({(r['state'], r['file']) for r in rows})
    print('\n| state | file | ' + ' | '.join(DAMAGES) + ' |')
    print('|---|---|' + '---|' * len(DAMAGES))
    for state, f in files:
        cells = []
        for d in DAMAGES:
            cl = sorted({r['cls'] for r in rows if r['state'] == state and r['file'] == f and r['damage'] == d})
            cells.append('/'.join(cl) or '')
        name = f.replace('.a.textmill/', '')
        print('| %s | %s | %s |' % (state, name, ' | '.join(cells)))
    bad = [r for r in rows if not r['cls'].startswith('ok')]
    print('\n%d runs, %d not ok' % (len(rows), len(bad)))


if __name__ == '__main__':
    main()
