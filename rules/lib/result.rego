# Findings as rules return them. A finding says what is wrong and where (a
# JSON pointer into the document); the engine adds the position, the
# severity from the configuration, suppressions and the fingerprint.
package rampart.lib.result

# finding is a finding at pointer in the document being checked (deny rules).
finding(msg, pointer) := {"msg": msg, "pointer": pointer}

# finding_in is a finding at pointer in file: aggregate rules say which file
# of the workspace they point into (a policy document or an inventory file).
finding_in(msg, file, pointer) := {"msg": msg, "pointer": pointer, "file": file}

# softer gives a finding a severity below the rule's own, for a case that
# is less serious than the one the rule is named for. A configured severity
# moves both together.
softer(f, severity) := object.union(f, {"severity": severity})

# at_key points a finding at the key of an object member ("Sid":) instead of
# its value.
at_key(f) := object.union(f, {"target": "key"})

# with_related adds other places that explain a finding (see related).
with_related(f, places) := object.union(f, {"related": places})

# related is another place in the same file.
related(msg, pointer) := {"msg": msg, "pointer": pointer}

# related_in is another place in another file.
related_in(msg, file, pointer) := {"msg": msg, "pointer": pointer, "file": file}
