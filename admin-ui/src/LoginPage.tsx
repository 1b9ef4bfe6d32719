// Sign-in with a person's bearer token (API_TOKENS): admins act, auditors read.
import { useState } from 'react';
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { LocalesMenuButton, useLogin, useNotify, useTranslate } from 'react-admin';
import { LoginError } from './authProvider';
import { usePageTitle } from './usePageTitle';

export function LoginPage() {
  const [token, setToken] = useState('');
  const [pending, setPending] = useState(false);
  const login = useLogin();
  const notify = useNotify();
  const translate = useTranslate();
  usePageTitle(translate('nitd.login.submit'));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    try {
      await login({ token });
    } catch (err) {
      if (err instanceof LoginError) notify(err.key, { type: 'error', messageArgs: err.args });
      else notify((err as Error).message, { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 2,
        background: 'linear-gradient(135deg, #1f4e79, #4a7bab)',
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent>
          <Box component="form" onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, justifyContent: 'space-between' }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <LockIcon color="primary" />
                <Typography variant="h6" component="h1">
                  {translate('nitd.app.title')}
                </Typography>
              </Box>
              <LocalesMenuButton />
            </Box>
            <Typography variant="body2" color="text.secondary">
              {translate('nitd.login.intro')}
            </Typography>
            <TextField
              label={translate('nitd.login.token')}
              name="token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoFocus
              required
              fullWidth
            />
            <Button type="submit" variant="contained" disabled={pending || !token}>
              {translate('nitd.login.submit')}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
