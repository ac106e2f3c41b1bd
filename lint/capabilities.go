package lint

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// removed lists the OPA built-in functions rules cannot call, with the
// reason (see RemovedBuiltins).
var removed = map[string]string{
	"http.send":              "network access",
	"net.lookup_ip_addr":     "DNS lookups are network access",
	"opa.runtime":            "exposes the environment and the process configuration",
	"json.match_schema":      "a schema's $ref can make the validator fetch http(s) and file URLs",
	"json.verify_schema":     "a schema's $ref can make the validator fetch http(s) and file URLs",
	"providers.aws.sign_req": "signs requests for http.send with credentials; nothing to do without the network",
	"rand.intn":              "random results make findings differ between runs",
	"uuid.rfc4122":           "random results make findings differ between runs",
	"net.cidr_expand":        "one call can allocate billions of addresses (0.0.0.0/0) before any time limit applies",
}

// RemovedBuiltins returns the OPA built-in functions rules cannot call,
// each with the reason. Rules from a pull request run in CI next to its
// secrets: nothing may reach the network, the file system or the
// environment, and findings must not depend on chance. What remains is
// pure computation over the input (time.now_ns included: the engine fixes
// it per run). The pure net.cidr_* functions stay, for rules about IP
// conditions; net.cidr_expand does not.
func RemovedBuiltins() map[string]string {
	out := make(map[string]string, len(removed))
	for k, v := range removed {
		out[k] = v
	}
	return out
}

// Capabilities returns the capabilities rules are compiled with: OPA's
// built-ins minus RemovedBuiltins, plus rampart's catalogue functions.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		_, gone := removed[b.Name]
		return gone
	})
	for _, f := range builtinDecls() {
		caps.Builtins = append(caps.Builtins, &ast.Builtin{Name: f.Name, Description: f.Description, Decl: f.Decl})
	}
	slices.SortFunc(caps.Builtins, func(a, b *ast.Builtin) int { return strings.Compare(a.Name, b.Name) })
	// No network for anything that would still ask (http.send is gone, but
	// keep the allow-list empty rather than unset, which means "any host").
	caps.AllowNet = []string{}
	return caps
}
