# N-body: the four giant planets and the sun, advanced with a fixed time step
# by direct pairwise forces. Floats in small lists; energy is printed to 4
# decimals so single-precision builds agree with it.
# Usage: nbody.py [rounds]   (the heap it needs does not depend on rounds)
import sys

ROUNDS = 34
if len(sys.argv) > 1:
    ROUNDS = max(1, int(sys.argv[1]))

STEPS = 10000
PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def planets():
    # Each body: [x, y, z, vx, vy, vz, mass]; positions in AU, speeds in AU/day.
    d = DAYS_PER_YEAR
    return [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
        [4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * d, 7.69901118419740425e-03 * d,
         -6.90460016972063023e-05 * d, 9.54791938424326609e-04 * SOLAR_MASS],
        [8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * d, 4.99852801234917238e-03 * d,
         2.30417297573763929e-05 * d, 2.85885980666130812e-04 * SOLAR_MASS],
        [1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * d, 2.37847173959480950e-03 * d,
         -2.96589568540237556e-05 * d, 4.36624404335156298e-05 * SOLAR_MASS],
        [1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * d, 1.62824170038242295e-03 * d,
         -9.51592254519715870e-05 * d, 5.15138902046611451e-05 * SOLAR_MASS],
    ]


def centre_momentum(bodies):
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS


def pairs_of(bodies):
    out = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            out.append((bodies[i], bodies[j]))
    return out


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            dist2 = dx * dx + dy * dy + dz * dz
            mag = dt / (dist2 * dist2 ** 0.5)
            ma = a[6] * mag
            mb = b[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]


def energy(bodies, pairs):
    e = 0.0
    for a, b in pairs:
        dx = a[0] - b[0]
        dy = a[1] - b[1]
        dz = a[2] - b[2]
        e -= a[6] * b[6] / (dx * dx + dy * dy + dz * dz) ** 0.5
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    return e


def main():
    before = after = 0.0
    bodies = []
    for _ in range(ROUNDS):
        bodies = planets()
        centre_momentum(bodies)
        pairs = pairs_of(bodies)
        before = energy(bodies, pairs)
        advance(bodies, pairs, 0.01, STEPS)
        after = energy(bodies, pairs)
    print("steps", STEPS, "energy %.4f -> %.4f" % (before, after))
    print("jupiter at %.1f %.1f" % (bodies[1][0], bodies[1][1]))


main()
