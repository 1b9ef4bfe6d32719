// Sign-in with a role's bearer token (API_TOKENS): admins act, auditors read.
import { useState } from 'react';
import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useLogin, useNotify } from 'react-admin';

export function LoginPage() {
  const [token, setToken] = useState('');
  const [pending, setPending] = useState(false);
  const login = useLogin();
  const notify = useNotify();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    try {
      await login({ token });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setPending(false);
    }
  };
  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #1f4e79, #4a7bab)',
      }}
    >
      <Card sx={{ width: 420 }}>
        <CardContent>
          <Box component="form" onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <LockIcon color="primary" />
              <Typography variant="h6">NITD lifecycle console</Typography>
            </Box>
            <Typography variant="body2" color="text.secondary">
              Sign in with your role's API token. Admins can hold, release, restore, erase and cancel lifecycles; auditors can read
              everything, including workflow history and evidence.
            </Typography>
            <TextField
              label="API token"
              name="token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoFocus
              required
              fullWidth
            />
            <Button type="submit" variant="contained" disabled={pending || !token}>
              Sign in
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
