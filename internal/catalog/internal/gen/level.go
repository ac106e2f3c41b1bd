package main

import (
	"strings"
	"unicode"
)

// Access levels, spelled as the catalogue stores them.
const (
	levelList        = "list"
	levelRead        = "read"
	levelWrite       = "write"
	levelPermissions = "permissions-management"
	levelTagging     = "tagging"
)

// readVerbs are API verbs whose calls only look at state.
var readVerbs = map[string]bool{
	"describe": true, "get": true, "query": true, "list": true, "check": true,
	"lookup": true, "search": true, "head": true, "preview": true, "validate": true,
	"verify": true, "count": true, "show": true, "find": true, "select": true,
	"read": true, "download": true, "inquiry": true, "inquire": true, "fetch": true,
}

// listVerbs always enumerate.
var listVerbs = map[string]bool{"list": true}

// enumVerbs enumerate when their noun is plural ("DescribeInstances").
var enumVerbs = map[string]bool{"describe": true, "get": true, "query": true, "search": true, "find": true, "lookup": true}

// tagWriteVerbs change tags when their noun is a tag ("DeleteTags", "PutBucketTagging").
var tagWriteVerbs = map[string]bool{
	"add": true, "remove": true, "delete": true, "create": true, "modify": true,
	"update": true, "set": true, "put": true, "attach": true, "detach": true,
}

// splitVerb splits an API name into its leading verb (lower-cased) and the
// rest: "DescribeInstances" → ("describe", "Instances"), "createSubUser" →
// ("create", "SubUser"). A name in capitals ("PUB") is all verb.
func splitVerb(name string) (string, string) {
	rs := []rune(name)
	if len(rs) == 0 {
		return "", ""
	}
	i := 1
	for i < len(rs) && unicode.IsLower(rs[i]) {
		i++
	}
	if i == 1 { // "PUB", "IDCard": no lower-case run after the first letter
		return strings.ToLower(name), ""
	}
	return strings.ToLower(string(rs[:i])), string(rs[i:])
}

// plural reports whether an API noun names a collection: "Instances",
// "KeyList", but not "Status", "Address" or "Access".
func plural(noun string) bool {
	l := strings.ToLower(noun)
	if strings.HasSuffix(l, "list") {
		return true
	}
	if !strings.HasSuffix(l, "s") {
		return false
	}
	for _, not := range []string{"ss", "us", "is", "sis"} {
		if strings.HasSuffix(l, not) {
			return false
		}
	}
	return true
}

// isTagNoun reports whether an API noun is about tags.
func isTagNoun(noun string) bool {
	return strings.HasPrefix(noun, "Tag") || strings.HasSuffix(noun, "Tags") ||
		strings.HasSuffix(noun, "Tagging") || strings.HasSuffix(noun, "Tag")
}

// verbLevel derives an access level from an API name alone. known is false
// when the verb is neither a read verb nor anything else recognised; such a
// name is taken as write.
func verbLevel(name string) (level string, known bool) {
	verb, noun := splitVerb(name)
	if verb == "batch" && noun != "" { // "BatchDeleteInstances": the verb follows
		return verbLevel(noun)
	}
	switch {
	case verb == "tag" || verb == "untag":
		return levelTagging, true
	case listVerbs[verb]:
		return levelList, true
	case readVerbs[verb]:
		if enumVerbs[verb] && plural(noun) {
			return levelList, true
		}
		return levelRead, true
	case tagWriteVerbs[verb] && isTagNoun(noun):
		return levelTagging, true
	}
	return levelWrite, writeVerbs[verb]
}

// writeVerbs are verbs known to change state; any other verb is taken as
// write too, but reported as unknown so that HTTP hints may refine it.
var writeVerbs = map[string]bool{
	"create": true, "delete": true, "modify": true, "update": true, "put": true,
	"run": true, "start": true, "stop": true, "reboot": true, "restart": true,
	"attach": true, "detach": true, "add": true, "remove": true, "set": true,
	"enable": true, "disable": true, "enabled": true, "disabled": true, "bind": true,
	"unbind": true, "associate": true, "disassociate": true, "allocate": true,
	"release": true, "apply": true, "cancel": true, "import": true, "export": true,
	"upload": true, "copy": true, "move": true, "reset": true, "resize": true,
	"renew": true, "join": true, "leave": true, "authorize": true, "revoke": true,
	"grant": true, "assign": true, "unassign": true, "install": true,
	"uninstall": true, "open": true, "close": true, "send": true, "publish": true,
	"invoke": true, "execute": true, "encrypt": true, "decrypt": true,
	"generate": true, "sign": true, "rotate": true, "restore": true, "purge": true,
	"refresh": true, "replace": true, "change": true, "convert": true,
	"upgrade": true, "downgrade": true, "migrate": true, "deploy": true,
	"submit": true, "register": true, "deregister": true, "abort": true,
	"complete": true, "initiate": true, "append": true, "post": true,
	"assume": true, "pass": true, "clear": true, "schedule": true,
}

// opTypeLevel maps Alibaba's systemTags.operationType to a level.
func opTypeLevel(op string) (string, bool) {
	switch op {
	case "get":
		return levelRead, true
	case "list":
		return levelList, true
	case "create", "update", "delete":
		return levelWrite, true
	}
	return "", false
}

// levelRules refine write levels: a write action of a listed service whose
// name holds one of the service's words manages permissions.
type levelRules struct {
	pm map[string][]string // service code → words
}

func (r levelRules) permissions(service, name string) bool {
	for _, w := range r.pm[service] {
		if strings.Contains(strings.ToLower(name), strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// deriveLevel returns the level of an action. opType is the vendor's word
// (may be empty); httpMethod a hint for names with an unknown verb (may be
// empty). derived is true when the level is not the vendor's own word,
// including when rampart refined a vendor "write" into tagging or
// permissions-management.
func deriveLevel(rules levelRules, service, name, opType, httpMethod string) (level string, derived bool) {
	level, ok := opTypeLevel(opType)
	derived = !ok
	if !ok {
		var known bool
		level, known = verbLevel(name)
		if !known && (httpMethod == "GET" || httpMethod == "HEAD") {
			level = levelRead
		}
	}
	if level == levelWrite {
		if l, _ := verbLevel(name); l == levelTagging {
			return levelTagging, true
		}
		if rules.permissions(service, name) {
			return levelPermissions, true
		}
	}
	return level, derived
}
