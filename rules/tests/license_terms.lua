-- friction license_terms (report.md): licences known on both sides and different (SPDX ids when
-- both give one, else names ignoring case), or commercial use known on both sides and
-- different. An openness label alone is not a licence difference.
local apache = { name = "Apache 2.0", spdx = "Apache-2.0", osi_approved = true }

return {
  { name = "two Apache 2.0 models whose openness labels differ: no licence difference",
    a = { id = "os", name = "Os", license = apache, openness = "open-source" },
    b = { id = "ow", name = "Ow", license = { name = "apache 2.0", spdx = "Apache-2.0" }, openness = "open-weights" },
    expect = { { key = "license_terms", absent = true } } },
  { name = "the same licence by name, ignoring case, without SPDX ids",
    a = { id = "x", name = "X", license = { name = "Llama 3 Community License" } },
    b = { id = "y", name = "Y", license = { name = "llama 3 community license" } },
    expect = { { key = "license_terms", absent = true } } },
  { name = "different licences",
    a = { id = "x", name = "X", license = apache },
    b = { id = "y", name = "Y", license = { name = "MIT", spdx = "MIT" } },
    expect = { { key = "license_terms", contains = "X is under Apache 2.0 and Y is under MIT" } } },
  { name = "a proprietary licence reads as proprietary",
    a = { id = "x", name = "X", license = { name = "Proprietary" } },
    b = { id = "y", name = "Y", license = apache },
    expect = { { key = "license_terms", contains = "X is proprietary and Y is under Apache 2.0" } } },
  { name = "one licence unknown: nothing to compare",
    a = { id = "x", name = "X", license = apache, openness = "open-source" },
    b = { id = "y", name = "Y", openness = "proprietary" },
    expect = { { key = "license_terms", absent = true } } },
  { name = "commercial use differs",
    a = { id = "x", name = "X", commercial_use = "permitted" },
    b = { id = "y", name = "Y", commercial_use = "conditional" },
    expect = { { key = "license_terms", contains = "commercial use is permitted for X and conditional for Y" } } },
}
