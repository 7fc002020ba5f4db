#!/bin/bash
# docs/troubleshooting.md has one section per exit reason an agent can print, and no section for
# a reason that no longer exists: the guide cannot drift from the code.
#
# The reasons, read from the sources (no build needed):
# - every format string of an ocf_fail() call in agents/*.c (adjacent C literals joined);
# - ocf/'s own reasons: the snprintf(why, whylen, ...) formats of ocf/param.c, ocf/config.c and
#   ocf/dispatch.c (a parameter that does not parse, an unknown parameter, Pacemaker's
#   environment), ocf_fail() formats in ocf/*.c, and dispatch.c's "ocf-exit-reason:" line for
#   an action the agent does not implement. ocf_fail(op, r, "%s", why), which only passes one
#   of those on, is left out: a format that is one lone conversion names no reason.
# An ocf_fail() whose format is not a string literal fails the test, naming file and line: its
# reasons could not be read here.
#
# The matching rule: a reason has its section when a "### " heading of docs/troubleshooting.md
# holds a code span that is the whole format string with each printf conversion written as a
# placeholder in angle brackets (`nic <nic> does not exist on this node`); conversions with no
# text between them may be written as one placeholder or several (`<error><: detail>`). "%%"
# is a literal "%". The text between the conversions must be exactly the source's. Every such
# heading span must in turn match some reason (a removed reason takes its section with it).
. "$top_srcdir/tests/lib.sh"
need_cmd perl
doc=$top_srcdir/docs/troubleshooting.md
[ -f "$doc" ] || { not_ok "no $doc"; finish; }

# formats FILE...: one format string per line (C escapes \" \\ \n undone; a newline would end
# the line, and no reason has one: ocf/reason.c turns control characters into spaces).
formats() {
	perl -0777 -ne '
		my $lit = qr/"(?:[^"\\]|\\.)*"/s;
		my $lits = qr/((?:$lit\s*)+)/s;
		my @f;
		push @f, $1 while /\bocf_fail\s*\(\s*[^,;]+,\s*[^,;]+,\s*$lits/gs;
		if ($ARGV =~ m{(^|/)ocf/[^/]*\.c$}) {
			push @f, $1 while /\bsnprintf\s*\(\s*why\s*,\s*whylen\s*,\s*$lits/gs;
			push @f, "\"$1\"" while /"ocf-exit-reason:((?:[^"\\]|\\.)*?)\\n"/gs;
		}
		for my $l (@f) {
			my $s = join "", ($l =~ /"((?:[^"\\]|\\.)*)"/gs);
			$s =~ s/\\(["\\])/$1/g;
			$s =~ s/\\n/ /g;
			next if $s eq "%s";
			print "$s\n";
		}' "$@" | sort -u
}

mapfile -t reasons < <(formats "$top_srcdir"/agents/*.c "$top_srcdir"/ocf/*.c)
# An ocf_fail() whose format is no string literal would be missed above: name each one.
mapfile -t opaque < <(perl -0777 -ne '
	while (/\bocf_fail\s*+\(\s*+[^,;]++,\s*+[^,;]++,\s*+(?!")/gs) {
		my $line = 1 + (substr($_, 0, pos) =~ tr/\n//);
		print "$ARGV:$line\n";
	}' "$top_srcdir"/agents/*.c "$top_srcdir"/ocf/*.c | grep -v '/ocf/reason\.c:')
for o in "${opaque[@]}"; do
	not_ok "ocf_fail without a literal format, its reason unchecked: ${o#"$top_srcdir"/}"
done
# the heading code spans, one per line
mapfile -t spans < <(sed -n 's/^### .*`\([^`]*\)`.*$/\1/p' "$doc")

# a floor far below today's count (89): an extraction that breaks must not pass on nothing
[ "${#reasons[@]}" -ge 60 ] && ok "${#reasons[@]} reasons read from the sources" ||
	not_ok "only ${#reasons[@]} reasons read from the sources: the extraction is broken"

# pattern FORMAT: the anchored Perl regex a heading span must match
pattern() {
	perl -e '
		my $f = shift;
		my $conv = qr/%(?:[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?
			       (?:hh|h|ll|l|z|j|t|L)?[diouxXcsp])/x;
		my $re = "";
		for my $part (split /((?:$conv)+|%%)/, $f) {
			next if $part eq "";
			if ($part eq "%%") { $re .= "%"; }
			elsif ($part =~ /^(?:$conv)+$/) { $re .= "(?:<[^<>`]+>)+"; }
			else { $re .= quotemeta($part); }
		}
		print "^$re\$";' "$1"
}

declare -A used=()
missing=0
for r in "${reasons[@]}"; do
	re=$(pattern "$r")
	hit=
	for i in "${!spans[@]}"; do
		if perl -e 'exit(($ARGV[1] =~ /$ARGV[0]/) ? 0 : 1)' "$re" "${spans[$i]}"; then
			hit=1
			used[$i]=1
		fi
	done
	if [ -n "$hit" ]; then
		ok "section for: $r"
	else
		not_ok "no section in docs/troubleshooting.md for the reason: $r"
		missing=$((missing + 1))
	fi
done
for i in "${!spans[@]}"; do
	[ -n "${used[$i]:-}" ] ||
		not_ok "section matches no reason in the sources (stale or mistyped): ${spans[$i]}"
done
echo "# ${#reasons[@]} reasons, ${#spans[@]} sections, $missing without a section"
finish
