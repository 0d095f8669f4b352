/** What to install when naudiodon (PortAudio) could not be built or loaded, per platform. */
export function audioInstallHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux') {
    return 'Install build tools and ALSA (Debian/Ubuntu: `sudo apt-get install build-essential python3 libasound2`), then run `npm rebuild naudiodon2`; or, with no compiler, install pulseaudio-utils and use --audio-backend pulse.';
  }
  if (platform === 'darwin') {
    return 'Install the Xcode command line tools (`xcode-select --install`), then run `npm rebuild naudiodon2`.';
  }
  if (platform === 'win32') {
    return 'Install the Visual Studio Build Tools with the "Desktop development with C++" workload, then run `npm rebuild naudiodon2`.';
  }
  return 'Install a C++ toolchain, then run `npm rebuild naudiodon2`; or use --input-file/--audio-out to run without a sound card.';
}
