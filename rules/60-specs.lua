-- Specs: the record's facts side by side; — where a record does not say.

section{ id = "specs", title = "Specs", style = "paragraphs",
         columns = function(p) return { "Specification", fmt.name(p, p.a), fmt.name(p, p.b) } end }

-- A table row: row(p, "released", "Released", f) with f(m) the cell for one model.
local function row(p, key, label, f)
  return { key = key, cells = { label, f(p.a), f(p.b) } }
end

rule{ key = "specs.released", section = "specs", fn = function(p)
  return row(p, "released", "Released", function(m) return fmt.cell(m.released) end)
end }

rule{ key = "specs.context_window", section = "specs", fn = function(p)
  return row(p, "context_window", "Context window", function(m) return fmt.tokens(m.context_window) end)
end }

rule{ key = "specs.max_output_tokens", section = "specs", fn = function(p)
  if not p.a.max_output_tokens and not p.b.max_output_tokens then return nil end
  return row(p, "max_output_tokens", "Max output tokens",
             function(m) return fmt.tokens(m.max_output_tokens) end)
end }

rule{ key = "specs.parameters", section = "specs", fn = function(p)
  return row(p, "parameters", "Parameters", function(m) return fmt.params(m.parameters) end)
end }

rule{ key = "specs.architecture", section = "specs", fn = function(p)
  return row(p, "architecture", "Architecture", function(m) return fmt.cell(m.architecture) end)
end }

rule{ key = "specs.license", section = "specs", fn = function(p)
  return row(p, "license", "License", function(m) return fmt.cell(model.license_text(m)) end)
end }

rule{ key = "specs.openness", section = "specs", fn = function(p)
  return row(p, "openness", "Openness", function(m) return fmt.cell(model.openness_label(m)) end)
end }

rule{ key = "specs.commercial_use", section = "specs", fn = function(p)
  return row(p, "commercial_use", "Commercial use",
             function(m) return fmt.cell(model.commercial_label(m)) end)
end }

rule{ key = "specs.knowledge_cutoff", section = "specs", fn = function(p)
  return row(p, "knowledge_cutoff", "Knowledge cutoff", function(m) return fmt.cell(m.knowledge_cutoff) end)
end }
