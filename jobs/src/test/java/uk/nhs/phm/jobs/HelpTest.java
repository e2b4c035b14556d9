package uk.nhs.phm.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import uk.nhs.phm.jobs.cli.PhmCli;

/**
 * What --help shows can be copied: no line is broken by the help's own wrapping, and every example is one line
 * that is a whole command phm accepts.
 */
class HelpTest {
    /** phm's --help and each subcommand's, as printed. */
    private static Map<String, String> helps() {
        Map<String, String> helps = new java.util.LinkedHashMap<>();
        CommandLine cli = PhmCli.commandLine();
        helps.put("phm", cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cli.getSubcommands().forEach((name, sub) -> helps.put("phm " + name,
                sub.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        return helps;
    }

    @Test
    void noFooterLineIsWiderThanTheHelp() {
        // Picocli breaks a longer footer line itself and continues it at the left margin.
        CommandLine cli = PhmCli.commandLine();
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        for (CommandLine c : all) {
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                String shown = line.replace("%%", "%");
                assertTrue(shown.length() <= PhmCli.HELP_WIDTH, c.getCommandName() + " --help footer line of "
                        + shown.length() + " characters, which the help would break: " + shown);
            }
        }
    }

    @Test
    void everyExampleIsOneWholeCommandThatParses() {
        int examples = 0;
        for (Map.Entry<String, String> e : helps().entrySet()) {
            List<String> lines = e.getValue().lines().toList();
            int at = lines.indexOf("Examples:");
            if (at < 0) {
                continue;
            }
            // The examples run to the first blank line.
            for (String line : lines.subList(at + 1, lines.size())) {
                if (line.isBlank()) {
                    break;
                }
                examples++;
                assertTrue(line.length() <= PhmCli.EXAMPLE_WIDTH, e.getKey() + ": example wider than "
                        + PhmCli.EXAMPLE_WIDTH + " columns: " + line);
                String command = line.replaceFirst("\\s+#.*$", "").strip().replaceFirst("^([A-Z_]+=\\S+\\s+)+", "");
                assertTrue(command.startsWith("./phm "), e.getKey() + ": not a whole command (a continued line?): "
                        + line);
                String[] args = command.substring("./phm ".length()).split("\\s+");
                assertFalse(Arrays.asList(args).contains("\\"), "no line continuations: " + line);
                assertDoesNotThrow(() -> PhmCli.commandLine().parseArgs(args), e.getKey() + ": example does not "
                        + "parse: " + line);
            }
        }
        assertTrue(examples >= 10, "examples found: " + examples);
    }

    @Test
    void longSettingDescriptionsWrapIndentedUnderTheirKey() {
        List<String> settings = new ArrayList<>();
        boolean in = false;
        for (String line : helps().get("phm run").lines().toList()) {
            in |= line.startsWith("Configuration keys");
            if (in && !line.startsWith("Configuration keys")) {
                settings.add(line);
            }
        }
        assertFalse(settings.isEmpty());
        for (String line : settings) {
            assertTrue(line.startsWith("  "), "every line of the keys is indented (none continues at the margin): "
                    + line);
        }
    }
}
