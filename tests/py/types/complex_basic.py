# complex numbers: construction, repr and attributes
z = complex(3, 4)
print(z, z.real, z.imag, abs(z))
print(1j, 2 + 3j, 2 - 3j, 0j, complex(0, 0))
print(complex(1.5), complex(2), complex(-1, -2.5))
print(complex('1+2j'), complex('3j'), complex('-4'))
print(z.conjugate(), (1 + 2j).conjugate())
print(type(z).__name__, isinstance(1j, complex))
print(complex(1, 0) == 1, 1j == 1j, 1j != 2j)
