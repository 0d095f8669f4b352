// Stable terminal behaviour for every test file, whatever the developer's shell has set.
process.env['FORCE_COLOR'] = '0';
process.env['NO_COLOR'] = '1';
delete process.env['VOICECHAT_DEBUG'];
