/// A named log format: one entry of the preset table, a name and a template.
///
/// Adding a preset is adding one entry to `all`; the template is compiled like any
/// format string an operator writes.
struct TemplatePreset: Sendable {
    let name: String
    /// The fields every line has.
    let template: String
    /// Fields that newer versions of the format append: a line may end before any of them
    /// and may carry more after them, which are ignored.
    let optionalTail: String

    init(_ name: String, _ template: String, optionalTail: String = "") {
        self.name = name
        self.template = template
        self.optionalTail = optionalTail
    }

    /// The whole template, for display.
    var fullTemplate: String { template + optionalTail }

    static let all: [TemplatePreset] = [
        TemplatePreset("common", #"%h %l %u %t "%r" %>s %b"#),
        TemplatePreset("combined", #"%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i""#),
        // Debian's vhost_combined; a host logged without ":port" reads too.
        TemplatePreset("vcombined", #"%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i""#),
        // AWS Classic ELB; logs before 2015 end after the request.
        TemplatePreset(
            "elb",
            #"$time_iso8601 $elb $remote_addr $backend_addr $request_processing_time $backend_processing_time "#
                + #"$response_processing_time $status $backend_status_code $received_bytes $sent_bytes "$request""#,
            optionalTail: #" "$http_user_agent" $ssl_cipher $ssl_protocol"#),
        // AWS Application Load Balancer; AWS keeps appending fields.
        TemplatePreset(
            "alb",
            #"$type $time_iso8601 $elb $remote_addr $target_addr $request_processing_time $target_processing_time "#
                + #"$response_processing_time $status $target_status_code $received_bytes $sent_bytes "$request""#,
            optionalTail: #" "$http_user_agent" $ssl_cipher $ssl_protocol $target_group_arn "$trace_id" "$domain_name" "#
                + #""$chosen_cert_arn" $matched_rule_priority $request_creation_time "$actions_executed" "$redirect_url" "#
                + #""$error_reason" "$target_port_list" "$target_status_code_list" "$classification" "#
                + #""$classification_reason" $conn_trace_id"#),
    ]

    static func named(_ name: String) -> TemplatePreset? {
        all.first { $0.name == name }
    }
}
