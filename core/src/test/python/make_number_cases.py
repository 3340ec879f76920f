"""Expected printing of doubles for io.losskit.core.NumbersTest: Python's repr(float) and
format(v, '.Ng'), the notation losskit's output follows.

Each line: the double's 64 bits in hex, repr(v), N, format(v, '.%dg' % N).
Run: /work/venv/bin/python core/src/test/python/make_number_cases.py > core/src/test/resources/numbers/python-repr.txt
"""
import math
import random
import struct
import sys

rng = random.Random(20261202)


def bits(v):
    return struct.unpack('<Q', struct.pack('<d', v))[0]


def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


values = []
# any bit pattern (every exponent, subnormals included)
while len(values) < 12000:
    v = from_bits(rng.getrandbits(64))
    if math.isfinite(v):
        values.append(v)
# what losses print: means of random terms, in [0, 1), around 1, large and small
values += [rng.random() for _ in range(4000)]
values += [rng.random() * 10 ** rng.randint(-12, 30) for _ in range(4000)]
values += [-rng.expovariate(1.0) for _ in range(1000)]
# short decimals, integers, powers of two and ten, the boundaries of the notation
values += [round(rng.uniform(-1000, 1000), rng.randint(0, 6)) for _ in range(2000)]
values += [float(rng.randint(-10 ** 17, 10 ** 17)) for _ in range(1000)]
values += [2.0 ** e for e in range(-1074, 1024)]
values += [10.0 ** e for e in range(-323, 309)]
values += [5e39, 1e16, 9999999999999998.0, 1e-4, 1e-5, 0.0001234, 0.1, 0.2 + 0.1, 2e-3, 1.0, 2.0, 100.0,
           sys.float_info.max, sys.float_info.min, 5e-324, 2.2250738585072009e-308, 1.7976931348623157e308,
           0.0, -0.0, 123456789012345678.0, 0.6931471805599453, 4.570281747064685e8, 9.5, 0.95, 9.999999999999999e15]

for v in values:
    n = rng.randint(1, 17)
    print('%016x %r %d %s' % (bits(v), v, n, format(v, '.%dg' % n)))
