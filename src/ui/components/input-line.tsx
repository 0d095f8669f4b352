import { Text } from 'ink';

export function InputLine({ draft }: { draft: string }) {
  return (
    <Text>
      <Text bold>› </Text>
      {draft}
      <Text dimColor>▍ (Enter sends · Esc cancels)</Text>
    </Text>
  );
}
