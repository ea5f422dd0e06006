# inf and nan arithmetic
inf = float('inf')
nan = float('nan')
print(inf + 1, inf * -1, inf - inf, inf * 0, 1 / inf, -1 / inf)
print(nan + 1, nan * 0, abs(-inf), -nan != -nan)
print(5.0 % inf, -5.0 % inf)
print(str(inf), repr(-inf), str(nan))
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.5), math.isfinite(inf))
print(max(1.0, inf), min(-inf, 0.0))
