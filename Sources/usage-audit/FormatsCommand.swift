import ArgumentParser
import UsageAudit

/// `usage-audit formats`: the log format presets and how to write a custom format.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the log format presets and the custom format syntaxes.",
        discussion: "Any preset name can be used as `format` in the [log] section of the configuration."
    )

    func run() {
        var text = "Presets (log.format = NAME):\n"
        for preset in TemplateLogFormat.presets {
            text += "  \(preset.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(preset.template)\n"
        }
        text += "  json       one JSON object per line; fields mapped in [log.json] (dotted paths)\n"
        text += "  w3c        W3C extended (IIS, CloudFront): fields from each #Fields: header\n"
        text += "\nCustom formats: paste the nginx log_format string ('$remote_addr - $remote_user [$time_local] \"$request\" …')\n"
        text += "or the Apache LogFormat string ('%h %l %u %t \\\"%r\\\" %>s %b …') from your server's configuration.\n"
        text += "Named fields for field:NAME use nginx spelling: http_x_api_key (request header X-Api-Key, Apache %{X-Api-Key}i),\n"
        text += "sent_http_x_units (response header), upstream_http_x_units, request_time, body_bytes_sent.\n"
        StandardOutput.write(text)
    }
}
