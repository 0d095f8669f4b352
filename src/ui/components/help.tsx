import { Box, Text } from 'ink';
import { KEYMAP } from '../keymap.js';

export function Help() {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Keys</Text>
      {KEYMAP.map((b) => (
        <Box key={b.intent}>
          <Box width={12}>
            <Text bold>{b.label}</Text>
          </Box>
          <Text>{b.description}</Text>
        </Box>
      ))}
      <Text dimColor>Talking over the assistant stops it at once. Headphones avoid echo.</Text>
    </Box>
  );
}
