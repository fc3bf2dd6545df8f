function __usage-audit_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __usage-audit_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __usage-audit_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __usage-audit_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __usage-audit_parse_tokens -S
    set -l unparsed_tokens (__usage-audit_tokens -pc)
    switch $unparsed_tokens[1]
    case 'usage-audit'
        __usage-audit_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __usage-audit_parse_subcommand -r 1 'config=' 'as-of=' 'profiles=' 'jobs=' 'v/verbose' 'q/quiet' 'partial=+' 'out=' 'state=' 'no-state' 'include-keep' 'tolerance=' 'snapshot-at=' 'fail-on=' 'fix-sql=' 'fix-sql-table=' 'version' 'h/help'
        case 'count'
            __usage-audit_parse_subcommand -r 1 'config=' 'as-of=' 'profiles=' 'jobs=' 'v/verbose' 'q/quiet' 'partial=+' 'format=' 'o=' 'version' 'h/help'
        case 'reconcile'
            __usage-audit_parse_subcommand -r 1 'config=' 'as-of=' 'profiles=' 'jobs=' 'v/verbose' 'q/quiet' 'partial=+' 'format=' 'o=' 'tolerance=' 'snapshot-at=' 'fail-on=' 'fix-sql=' 'fix-sql-table=' 'version' 'h/help'
        case 'explain'
            __usage-audit_parse_subcommand 1 'config=' 'state=' 'profiles=' 'as-of=' 'tolerance=' 'snapshot-at=' 'days=' 'format=' 'q/quiet' 'version' 'h/help'
        case 'partial'
            __usage-audit_parse_subcommand -r 1 'config=' 'as-of=' 'profiles=' 'jobs=' 'v/verbose' 'q/quiet' 'partial=+' 'o=' 'version' 'h/help'
        case 'merge'
            __usage-audit_parse_subcommand -r 1 'o=' 'q/quiet' 'version' 'h/help'
        case 'formats'
            __usage-audit_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __usage-audit_parse_subcommand -r 1 'version'
        end
    end
end

function __usage-audit_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __usage-audit_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __usage-audit_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __usage-audit_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__usage-audit_tokens -p)
    if test -z "$(__usage-audit_tokens -t)"
        set -l index (count (__usage-audit_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'usage-audit' -f
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'run' -d 'Count usage from access logs and write the reports.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'count' -d 'Count usage from access logs and print the usage rows.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'reconcile' -d 'Compare stored counters with the logs and print the findings.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'explain' -d 'Show a user\'s recent use, limits, findings and the reasoning behind each.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'partial' -d 'Count a shard of the logs into a partial that merge and run combine exactly.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'merge' -d 'Combine partials (from partial or merge) into one, exactly.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'formats' -d 'List the log format presets and the custom format syntaxes.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_positional "usage-audit" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" config' -l 'config' -d 'The audit configuration (TOML).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" as-of' -l 'as-of' -d 'The audit moment, RFC 3339 (e.g. 2026-11-21T00:00:00+01:00). Default: the latest request time in the logs.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" profiles' -l 'profiles' -d 'The stored counters to audit: a CSV or JSON file, sqlite:PATH?table=T, or postgres://USER@HOST/DB?table=T (PG* variables fill the rest). Add ?layout=long|whg|waldur|carto|smart-ratelimit to force a layout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" jobs' -l 'jobs' -d 'How many inputs to read at once. Default: one per core.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" v verbose' -l 'verbose' -s 'v' -d 'Log more on stderr (per-input details).'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run"' -l 'partial' -d 'A partial (from usage-audit partial or merge) to count as input beside the logs; repeat for more.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" out' -l 'out' -d 'The report folder, created if missing.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" state' -l 'state' -d 'The state store that remembers what was counted and each user\'s history: an SQLite file (created if missing) or postgres://USER@HOST/DB (PG* variables fill the rest). Default: .usage-audit/state.sqlite' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" no-state' -l 'no-state' -d 'Count the inputs whole, with no memory: nothing is read from or written to a state store.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" include-keep' -l 'include-keep' -d 'List limits that need no change in recommendations.csv too (action keep).'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" tolerance' -l 'tolerance' -d 'Units a stored counter may differ from the logs without a finding (requests in flight at snapshot time).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" snapshot-at' -l 'snapshot-at' -d 'When the stored counters were read, for profiles without snapshot_at: RFC 3339 or \'now\'. Default: when a database source (sqlite:, postgres:) is read; for a file, --as-of.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" fail-on' -l 'fail-on' -d 'Exit with code 1 when a finding at or above this level is found: warning (any finding; in run, any anomaly too), error (wrong counters, unenforced limits), or kinds separated by commas (drift,over_limit_served; run also takes anomaly kinds: spike,near_limit). Off by default.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" fix-sql' -l 'fix-sql' -d 'Write the UPDATE statements that would set the drifted or stale stored counters to the recomputed values into this file, for a person to review. Never executed.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" fix-sql-table' -l 'fix-sql-table' -d 'The table --fix-sql updates: whg:TABLE (the gazetteer\'s profile table, user names from auth_user) or long:TABLE. Default: whg:api_userapiprofile for profiles in the whg layout, the table --profiles read (sqlite:, postgres:) for the long layout, else long:profiles.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" config' -l 'config' -d 'The audit configuration (TOML).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" as-of' -l 'as-of' -d 'The audit moment, RFC 3339 (e.g. 2026-11-21T00:00:00+01:00). Default: the latest request time in the logs.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" profiles' -l 'profiles' -d 'The stored counters to audit: a CSV or JSON file, sqlite:PATH?table=T, or postgres://USER@HOST/DB?table=T (PG* variables fill the rest). Add ?layout=long|whg|waldur|carto|smart-ratelimit to force a layout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" jobs' -l 'jobs' -d 'How many inputs to read at once. Default: one per core.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" v verbose' -l 'verbose' -s 'v' -d 'Log more on stderr (per-input details).'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count"' -l 'partial' -d 'A partial (from usage-audit partial or merge) to count as input beside the logs; repeat for more.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" format' -l 'format' -d 'csv, json, jsonl or table. Default: from the -o file\'s extension (.json, .jsonl, else csv); on stdout table on a terminal, csv otherwise.' -rfka 'csv json jsonl table'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" o' -s 'o' -d 'Write to this file (atomically) instead of stdout; - (or /dev/stdout) is stdout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit count" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" config' -l 'config' -d 'The audit configuration (TOML).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" as-of' -l 'as-of' -d 'The audit moment, RFC 3339 (e.g. 2026-11-21T00:00:00+01:00). Default: the latest request time in the logs.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" profiles' -l 'profiles' -d 'The stored counters to audit: a CSV or JSON file, sqlite:PATH?table=T, or postgres://USER@HOST/DB?table=T (PG* variables fill the rest). Add ?layout=long|whg|waldur|carto|smart-ratelimit to force a layout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" jobs' -l 'jobs' -d 'How many inputs to read at once. Default: one per core.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" v verbose' -l 'verbose' -s 'v' -d 'Log more on stderr (per-input details).'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile"' -l 'partial' -d 'A partial (from usage-audit partial or merge) to count as input beside the logs; repeat for more.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" format' -l 'format' -d 'csv, json, jsonl or table. Default: from the -o file\'s extension (.json, .jsonl, else csv); on stdout table on a terminal, csv otherwise.' -rfka 'csv json jsonl table'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" o' -s 'o' -d 'Write to this file (atomically) instead of stdout; - (or /dev/stdout) is stdout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" tolerance' -l 'tolerance' -d 'Units a stored counter may differ from the logs without a finding (requests in flight at snapshot time).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" snapshot-at' -l 'snapshot-at' -d 'When the stored counters were read, for profiles without snapshot_at: RFC 3339 or \'now\'. Default: when a database source (sqlite:, postgres:) is read; for a file, --as-of.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" fail-on' -l 'fail-on' -d 'Exit with code 1 when a finding at or above this level is found: warning (any finding; in run, any anomaly too), error (wrong counters, unenforced limits), or kinds separated by commas (drift,over_limit_served; run also takes anomaly kinds: spike,near_limit). Off by default.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" fix-sql' -l 'fix-sql' -d 'Write the UPDATE statements that would set the drifted or stale stored counters to the recomputed values into this file, for a person to review. Never executed.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" fix-sql-table' -l 'fix-sql-table' -d 'The table --fix-sql updates: whg:TABLE (the gazetteer\'s profile table, user names from auth_user) or long:TABLE. Default: whg:api_userapiprofile for profiles in the whg layout, the table --profiles read (sqlite:, postgres:) for the long layout, else long:profiles.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit reconcile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" config' -l 'config' -d 'The audit configuration (TOML).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" state' -l 'state' -d 'The state store the nightly runs keep.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" profiles' -l 'profiles' -d 'The stored counters and limits (as for run).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" as-of' -l 'as-of' -d 'The audit moment, RFC 3339. Default: the latest request the store counted.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" tolerance' -l 'tolerance' -d 'Units a stored counter may differ from the logs without a finding (requests in flight at snapshot time).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" snapshot-at' -l 'snapshot-at' -d 'When the stored counters were read, for profiles without snapshot_at: RFC 3339 or \'now\'. Default: when a database source (sqlite:, postgres:) is read; for a file, --as-of.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" days' -l 'days' -d 'How many days of history to show, 1 to 366.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" format' -l 'format' -d 'table (default) or jsonl.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" config' -l 'config' -d 'The audit configuration (TOML).' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" as-of' -l 'as-of' -d 'The audit moment, RFC 3339 (e.g. 2026-11-21T00:00:00+01:00). Default: the latest request time in the logs.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" profiles' -l 'profiles' -d 'The stored counters to audit: a CSV or JSON file, sqlite:PATH?table=T, or postgres://USER@HOST/DB?table=T (PG* variables fill the rest). Add ?layout=long|whg|waldur|carto|smart-ratelimit to force a layout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" jobs' -l 'jobs' -d 'How many inputs to read at once. Default: one per core.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" v verbose' -l 'verbose' -s 'v' -d 'Log more on stderr (per-input details).'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial"' -l 'partial' -d 'A partial (from usage-audit partial or merge) to count as input beside the logs; repeat for more.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" o' -s 'o' -d 'Write the partial to this file (atomically); - is stdout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit partial" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit merge" o' -s 'o' -d 'Write the merged partial to this file (atomically); - is stdout.' -rfka ''
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit merge" q quiet' -l 'quiet' -s 'q' -d 'Log only errors on stderr.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit merge" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit formats" version' -l 'version' -d 'Show the version.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit formats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'usage-audit' -n '__usage-audit_should_offer_completions_for_flags_or_options "usage-audit help" version' -l 'version' -d 'Show the version.'
