"""Postcode to coordinates, and distances, for the travel-distance constraint of matching.

No package on PyPI or npm ships the centroids of the Dutch four-digit postcodes (PC4) for use offline, and
third-party data files may not be copied into the repository. So Spil uses this documented fallback: one point
per two-digit postcode area (10–99), the main town of that area, written from general knowledge of the map of
the Netherlands (not copied from any data set).

Accuracy: approximate. For most areas the places in it lie within about 10 km of the point given; a few areas
are spread out (14 Purmerend–Bussum–Uithoorn, 17 Heerhugowaard–Den Helder, 43 Middelburg–Zierikzee, 45
Zeeuws-Vlaanderen, 77 Hardenberg–Dedemsvaart) and can be off by 20–30 km. Two postcodes in the same area get the
same point, so their real distance is unknown: the matcher then counts it as `SAME_AREA_KM` (5 km) for the
score, and never excludes such a pair on distance (see `engine`).

`coordinates(postcode)` is the one entry point: the candidate and opportunity services store its result in the
rows' latitude/longitude fields, and the engine fills in missing ones with it, so everything uses the same
points. A finer source (a package with PC4 points) would only replace `coordinates` and lower `SAME_AREA_KM`.
"""

import math
import re

import numpy as np

EARTH_RADIUS_KM = 6371.0088
SAME_AREA_KM = 5.0  # distance assumed between two postcodes of the same two-digit area

# area: (latitude, longitude, main town)
AREAS: dict[int, tuple[float, float, str]] = {
    10: (52.372, 4.900, "Amsterdam"),
    11: (52.310, 4.880, "Amstelveen / Amsterdam-Zuidoost"),
    12: (52.223, 5.176, "Hilversum"),
    13: (52.370, 5.215, "Almere"),
    14: (52.502, 4.959, "Purmerend"),
    15: (52.439, 4.816, "Zaandam"),
    16: (52.643, 5.060, "Hoorn"),
    17: (52.666, 4.840, "Heerhugowaard"),
    18: (52.632, 4.749, "Alkmaar"),
    19: (52.486, 4.658, "Beverwijk"),
    20: (52.381, 4.637, "Haarlem"),
    21: (52.303, 4.690, "Hoofddorp"),
    22: (52.218, 4.437, "Katwijk / Noordwijk"),
    23: (52.160, 4.497, "Leiden"),
    24: (52.129, 4.656, "Alphen aan den Rijn"),
    25: (52.078, 4.300, "Den Haag"),
    26: (52.012, 4.359, "Delft"),
    27: (52.057, 4.493, "Zoetermeer"),
    28: (52.012, 4.711, "Gouda"),
    29: (51.929, 4.578, "Capelle aan den IJssel"),
    30: (51.922, 4.479, "Rotterdam"),
    31: (51.913, 4.378, "Schiedam / Vlaardingen"),
    32: (51.843, 4.329, "Spijkenisse"),
    33: (51.811, 4.668, "Dordrecht"),
    34: (52.030, 5.088, "Nieuwegein"),
    35: (52.091, 5.122, "Utrecht"),
    36: (52.137, 5.043, "Maarssen"),
    37: (52.089, 5.232, "Zeist"),
    38: (52.156, 5.388, "Amersfoort"),
    39: (52.028, 5.558, "Veenendaal"),
    40: (51.887, 5.430, "Tiel"),
    41: (51.956, 5.227, "Culemborg"),
    42: (51.837, 4.974, "Gorinchem"),
    43: (51.499, 3.611, "Middelburg"),
    44: (51.504, 3.889, "Goes"),
    45: (51.335, 3.828, "Terneuzen"),
    46: (51.495, 4.291, "Bergen op Zoom"),
    47: (51.531, 4.465, "Roosendaal"),
    48: (51.589, 4.776, "Breda"),
    49: (51.645, 4.859, "Oosterhout"),
    50: (51.560, 5.091, "Tilburg"),
    51: (51.683, 5.012, "Waalwijk / Dongen"),
    52: (51.690, 5.304, "'s-Hertogenbosch"),
    53: (51.807, 5.249, "Zaltbommel"),
    54: (51.659, 5.618, "Uden"),
    55: (51.414, 5.402, "Veldhoven"),
    56: (51.441, 5.478, "Eindhoven"),
    57: (51.482, 5.661, "Helmond"),
    58: (51.525, 5.974, "Venray"),
    59: (51.370, 6.172, "Venlo"),
    60: (51.252, 5.707, "Weert"),
    61: (50.998, 5.866, "Sittard-Geleen"),
    62: (50.851, 5.691, "Maastricht"),
    63: (50.868, 5.832, "Valkenburg"),
    64: (50.888, 5.981, "Heerlen"),
    65: (51.842, 5.853, "Nijmegen"),
    66: (51.807, 5.727, "Wijchen"),
    67: (52.040, 5.665, "Ede / Wageningen"),
    68: (51.985, 5.899, "Arnhem"),
    69: (51.924, 6.072, "Zevenaar"),
    70: (51.965, 6.289, "Doetinchem"),
    71: (51.972, 6.719, "Winterswijk"),
    72: (52.138, 6.196, "Zutphen"),
    73: (52.211, 5.969, "Apeldoorn"),
    74: (52.255, 6.163, "Deventer"),
    75: (52.221, 6.894, "Enschede"),
    76: (52.357, 6.663, "Almelo"),
    77: (52.576, 6.619, "Hardenberg"),
    78: (52.785, 6.897, "Emmen"),
    79: (52.723, 6.476, "Hoogeveen"),
    80: (52.512, 6.094, "Zwolle"),
    81: (52.386, 6.276, "Raalte"),
    82: (52.518, 5.471, "Lelystad"),
    83: (52.711, 5.748, "Emmeloord"),
    84: (52.960, 5.920, "Heerenveen"),
    85: (52.965, 5.790, "Joure"),
    86: (53.033, 5.659, "Sneek"),
    87: (53.062, 5.531, "Bolsward"),
    88: (53.187, 5.543, "Franeker"),
    89: (53.201, 5.799, "Leeuwarden"),
    90: (53.155, 5.900, "Grou / Burgum"),
    91: (53.326, 5.998, "Dokkum"),
    92: (53.107, 6.099, "Drachten"),
    93: (53.145, 6.431, "Roden"),
    94: (52.993, 6.562, "Assen"),
    95: (52.995, 6.960, "Stadskanaal"),
    96: (53.160, 6.760, "Hoogezand / Veendam"),
    97: (53.219, 6.567, "Groningen"),
    98: (53.247, 6.397, "Zuidhorn"),
    99: (53.320, 6.860, "Delfzijl / Appingedam"),
}

_POSTCODE = re.compile(r"^\s*([1-9][0-9])([0-9]{2})(\s*[A-Za-z]{2})?\s*$")


def area(postcode: str | None) -> int | None:
    """The two-digit area of a Dutch postcode ('3511 AB', '3511AB' or '3511'), or None."""
    match = _POSTCODE.match(postcode or "")
    return int(match.group(1)) if match else None


def coordinates(postcode: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of the postcode's area (approximate, see the module docstring), or None."""
    found = AREAS.get(area(postcode))
    return (found[0], found[1]) if found else None


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; works on floats and on NumPy arrays (broadcasting)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(distance) if np.ndim(distance) == 0 else distance


def haversine_km_scalar(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The same distance with `math` only (used by the naive reference scorer)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))
